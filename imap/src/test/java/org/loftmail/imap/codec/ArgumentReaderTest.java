package org.loftmail.imap.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ArgumentReaderTest {

    private static ArgumentReader reader(String wire) {
        return new ArgumentReader(CommandInput.parse(wire.getBytes(StandardCharsets.UTF_8)));
    }

    static Stream<Arguments> astrings() {
        return Stream.of(
                Arguments.of("atom", "atom"),
                Arguments.of("\"quoted string\"", "quoted string"),
                Arguments.of("\"esc\\\"aped\\\\\"", "esc\"aped\\"),
                Arguments.of("\"\"", ""),
                Arguments.of("{5}\r\nab cd", "ab cd"),
                Arguments.of("{5+}\r\nab\r\nc", "ab\r\nc"),
                Arguments.of("{0}\r\n", ""),
                Arguments.of("\"Entw\u00fcrfe\"", "Entw\u00fcrfe"),
                Arguments.of("with]bracket", "with]bracket"));
    }

    @ParameterizedTest
    @MethodSource("astrings")
    void readsAstrings(String wire, String expected) {
        ArgumentReader r = reader(wire);
        assertThat(r.astring()).isEqualTo(expected);
        r.end();
    }

    static Stream<Arguments> badAstrings() {
        return Stream.of(
                Arguments.of("\"unterminated", "Missing '\"'"),
                Arguments.of("\"bad \\escape\"", "Invalid escape in quoted string"),
                Arguments.of("(paren", "Invalid characters in atom"),
                Arguments.of("", "Missing arguments"),
                Arguments.of("caf\u00e9", "8bit data in atom"),
                Arguments.of("\u00e9", "8bit data in atom"));
    }

    @ParameterizedTest
    @MethodSource("badAstrings")
    void rejectsBadAstringsWithFixedTexts(String wire, String error) {
        assertThatThrownBy(() -> reader(wire).astring()).isInstanceOf(ImapSyntaxException.class).hasMessage(error);
    }

    @Test
    void readsATaggedCommandWithLiteralsInTheMiddle() {
        ArgumentReader r = reader("a1 LOGIN {4}\r\nuser \"pass word\"");
        assertThat(r.tag()).isEqualTo("a1");
        r.sp();
        assertThat(r.keyword()).isEqualTo("LOGIN");
        r.sp();
        assertThat(r.astring()).isEqualTo("user");
        r.sp();
        assertThat(r.astring()).isEqualTo("pass word");
        assertThat(r.atEnd()).isTrue();
    }

    @Test
    void tagsRejectPlusAndSpecials() {
        assertThatThrownBy(() -> reader("a+b NOOP").tag()).hasMessage("Invalid tag");
        assertThatThrownBy(() -> reader("a(b NOOP").tag()).hasMessage("Invalid tag");
        assertThatThrownBy(() -> reader("* NOOP").tag()).hasMessage("Invalid tag");
        assertThat(reader("A.1] NOOP").tag()).isEqualTo("A.1]");
    }

    @Test
    void flagListsAndSingleFlags() {
        assertThat(reader("(\\Seen \\Deleted $Junk)").flagList()).containsExactly("\\Seen", "\\Deleted", "$Junk");
        assertThat(reader("()").flagList()).isEmpty();
        assertThat(reader("\\Seen \\Flagged").flagsOrFlag()).containsExactly("\\Seen", "\\Flagged");
        assertThatThrownBy(() -> reader("(\\Seen").flagList()).hasMessage("Missing arguments");
    }

    @Test
    void numbers() {
        assertThat(reader("4294967295").number32()).isEqualTo(4294967295L);
        assertThatThrownBy(() -> reader("4294967296").number32()).hasMessage("Number too large");
        assertThatThrownBy(() -> reader("0").nzNumber()).hasMessage("Expected a non-zero number");
        assertThatThrownBy(() -> reader("99999999999999999999999").number()).hasMessage("Number too large");
    }

    @Test
    void listMailboxAcceptsWildcards() {
        assertThat(reader("INBOX.%").listMailbox()).isEqualTo("INBOX.%");
        assertThat(reader("*").listMailbox()).isEqualTo("*");
        assertThat(reader("\"\"").listMailbox()).isEmpty();
    }

    @Test
    void dates() {
        assertThat(reader("\"17-Jul-1996 02:44:25 -0700\"").dateTime().toString()).isEqualTo("1996-07-17T02:44:25-07:00");
        assertThat(reader("\" 7-Jul-1996 02:44:25 +0000\"").dateTime().getDayOfMonth()).isEqualTo(7);
        assertThat(reader("\"31-Feb-2020 00:00:00 +0000\"").dateTime().toLocalDate().toString()).isEqualTo("2020-03-02");
        assertThat(reader("1-feb-2024").date().toString()).isEqualTo("2024-02-01");
        assertThat(reader("\"1-Feb-2024\"").date().toString()).isEqualTo("2024-02-01");
        assertThatThrownBy(() -> reader("\"17-Jxl-1996 02:44:25 -0700\"").dateTime()).isInstanceOf(ImapSyntaxException.class);
        assertThatThrownBy(() -> reader("\"17-Jul-1996 25:44:25 -0700\"").dateTime()).isInstanceOf(ImapSyntaxException.class);
        assertThatThrownBy(() -> reader("32-Jan-2020").date()).isInstanceOf(ImapSyntaxException.class);
    }

    @Test
    void sequenceSets() {
        assertThat(reader("1:*,5").sequenceSet().toString()).isEqualTo("1:*,5");
        assertThat(reader("$").sequenceSet().savedResult()).isTrue();
        assertThat(SequenceSet.parse("1:*").resolve(4).toString()).isEqualTo("1:4");
        assertThat(SequenceSet.parse("*:2").resolve(4).toString()).isEqualTo("2:4");
        assertThat(SequenceSet.parse("7:*").resolve(4).toString()).isEqualTo("4:7");
        assertThat(SequenceSet.parse("1:*").resolve(0).toString()).isEqualTo("1");
        assertThat(SequenceSet.parse("*").resolve(0).isEmpty()).isTrue();
        for (String bad : List.of("0", "1:0", "1,,2", "1:", ":3", "a", "4294967296", "1:2:3")) {
            assertThatThrownBy(() -> SequenceSet.parse(bad)).as(bad).hasMessage("Invalid messageset");
        }
        assertThatThrownBy(() -> reader("1:2x").sequenceSet()).hasMessage("Invalid messageset");
    }

    @Test
    void literal8IsNotAString() {
        // RFC 3516 section 4.4: literal8 only where the grammar says (APPEND's message), never as an astring
        ArgumentReader r = reader("~{3}\r\nabc");
        assertThat(r.atLiteral()).isTrue();
        assertThatThrownBy(r::astring).isInstanceOf(ImapSyntaxException.class).hasMessage("literal8 not allowed here");
    }
}
