package org.loftmail.transport.literal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuotedStringTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void readsUpToTheClosingQuoteAndUnescapes() {
        QuotedString.Read r = QuotedString.read(ascii("PUTSCRIPT \"my \\\"script\\\\\" {5+}"), 10);
        assertThat(new String(r.value(), StandardCharsets.ISO_8859_1)).isEqualTo("my \"script\\");
        assertThat(r.end()).isEqualTo(25);
        assertThat(QuotedString.read(ascii("\"\""), 0).value()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"open|Missing '\"'",
        "\"ends in escape\\|Missing '\"'",
        "\"bad \\n escape\"|Invalid escape in quoted string",
        "x|Expected '\"'",
        "|Missing arguments"})
    void malformedStringsGetFixedTexts(String input, String error) {
        assertThatThrownBy(() -> QuotedString.read(ascii(input == null ? "" : input), 0))
                .isInstanceOf(WireSyntaxException.class).hasMessage(error);
    }

    @Test
    void lineBreaksAndNulCannotBeQuoted() {
        for (String bad : new String[] {"a\rb", "a\nb", "a\0b"}) {
            assertThatThrownBy(() -> QuotedString.read(ascii("\"" + bad + "\""), 0)).hasMessage("Invalid characters in quoted string");
            assertThat(QuotedString.quotable(ascii(bad))).isFalse();
            assertThat(QuotedString.quotableUtf8(ascii(bad))).isFalse();
            assertThatThrownBy(() -> QuotedString.write(ascii(bad), new ByteArrayOutputStream()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        byte[] utf8 = "Entwürfe".getBytes(StandardCharsets.UTF_8);
        assertThat(QuotedString.quotable(utf8)).isFalse();
        assertThat(QuotedString.quotableUtf8(utf8)).isTrue();
    }

    @Property
    void whatIsWrittenReadsBackTheSame(@ForAll String text) {
        byte[] value = text.replace("\r", "").replace("\n", "").replace("\0", "").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('x');
        QuotedString.write(value, out);
        byte[] wire = out.toByteArray();
        QuotedString.Read r = QuotedString.read(wire, 1);
        assertThat(r.value()).isEqualTo(value);
        assertThat(r.end()).isEqualTo(wire.length);
    }
}
