package org.loftmail.managesieve.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loftmail.transport.literal.WireSyntaxException;

class ArgumentsTest {

    private static Arguments parse(String line) {
        return Arguments.parse(List.of(line.getBytes(UTF_8)), List.of());
    }

    @Test
    void commandNamesAreCaseInsensitiveAtomsAndStringsMayBeLiterals() {
        Arguments a = Arguments.parse(List.of("putScript \"my script\" {5+}".getBytes(UTF_8), new byte[0]),
                List.of("keep;".getBytes(UTF_8)));
        assertThat(a.command()).isEqualTo("PUTSCRIPT");
        assertThat(a.string(0)).contains("my script");
        assertThat(a.bytes(1)).hasValueSatisfying(b -> assertThat(new String(b, UTF_8)).isEqualTo("keep;"));
        assertThat(a.size()).isEqualTo(2);
    }

    @Test
    void numbersAreDigitAtomsOnly() {
        Arguments a = parse("HAVESPACE \"x\" 1234");
        assertThat(a.number(1)).contains(1234L);
        assertThat(parse("HAVESPACE \"x\" 12a").number(1)).isEmpty();
        assertThat(parse("HAVESPACE \"x\" \"12\"").number(1)).isEmpty();
        assertThat(parse("HAVESPACE \"x\" 1234567890123456789").number(1)).isEmpty();
    }

    @Test
    void stringsMustBeUtf8() {
        Arguments a = Arguments.parse(List.of(new byte[] {'G', 'E', 'T', ' ', '"', (byte) 0xff, '"'}), List.of());
        assertThat(a.bytes(0)).isPresent();
        assertThat(a.string(0)).isEmpty();
        assertThat(parse("GETSCRIPT \"räksmörgås\"").string(0)).contains("räksmörgås");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "GETSCRIPT \"x                | Missing '\"'",
        "GETSCRIPT \"a\\b\"            | Invalid escape in quoted string",
        "GETSCRIPT a(b                | Invalid characters in atom",
        "\"GETSCRIPT\"                | Missing command",
    })
    void syntaxErrorsHaveFixedTexts(String line, String message) {
        assertThatThrownBy(() -> parse(line)).isInstanceOf(WireSyntaxException.class).hasMessage(message);
    }

    @Test
    void eightBitAtomsAreRefused() {
        assertThatThrownBy(() -> Arguments.parse(List.of(new byte[] {'N', 'O', 'O', 'P', ' ', (byte) 0xc3, (byte) 0xa4}),
                List.of())).hasMessage("8bit data in atom");
    }
}
