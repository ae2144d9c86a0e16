package org.loftmail.imap.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loftmail.imap.codec.SearchReturn.Option;

class SearchReturnTest {

    private static ArgumentReader reader(String s) {
        return new ArgumentReader(CommandInput.parse(s.getBytes(StandardCharsets.UTF_8)));
    }

    static Stream<Arguments> good() {
        return Stream.of(
                Arguments.of("RETURN (MIN) ALL", EnumSet.of(Option.MIN)),
                Arguments.of("RETURN (MAX) ALL", EnumSet.of(Option.MAX)),
                Arguments.of("RETURN (ALL) ALL", EnumSet.of(Option.ALL)),
                Arguments.of("RETURN (COUNT) ALL", EnumSet.of(Option.COUNT)),
                Arguments.of("RETURN (SAVE) ALL", EnumSet.of(Option.SAVE)),
                Arguments.of("RETURN () ALL", EnumSet.of(Option.ALL)),
                Arguments.of("RETURN (MIN MAX ALL COUNT SAVE) ALL", EnumSet.allOf(Option.class)),
                Arguments.of("return (count min) ALL", EnumSet.of(Option.MIN, Option.COUNT)),
                Arguments.of("Return (Save Save) ALL", EnumSet.of(Option.SAVE)),
                Arguments.of("RETURN (MIN) CHARSET UTF-8 ALL", EnumSet.of(Option.MIN)));
    }

    @ParameterizedTest
    @MethodSource("good")
    void parses(String input, EnumSet<Option> expected) {
        ArgumentReader r = reader(input);
        assertThat(SearchReturn.parseIfPresent(r)).contains(new SearchReturn(expected));
        // the reader is left at the search program
        assertThat(r.keyword()).isIn("ALL", "CHARSET");
    }

    @Test
    void noReturnLeavesTheProgramUntouched() {
        ArgumentReader r = reader("RETURNED ALL");
        assertThat(SearchReturn.parseIfPresent(r)).isEqualTo(Optional.empty());
        assertThat(r.keyword()).isEqualTo("RETURNED");
        assertThat(SearchReturn.parseIfPresent(reader("SEEN"))).isEmpty();
    }

    static Stream<Arguments> bad() {
        return Stream.of(
                Arguments.of("RETURN (FOO) ALL", "Unknown SEARCH return option"),
                Arguments.of("RETURN (MIN PARTIAL) ALL", "Unknown SEARCH return option"),
                Arguments.of("RETURN (\"MIN\") ALL", "SEARCH return options contain non-atoms"),
                Arguments.of("RETURN (MIN (MAX)) ALL", "SEARCH return options contain non-atoms"),
                Arguments.of("RETURN ({3}\r\nMIN) ALL", "SEARCH return options contain non-atoms"),
                Arguments.of("RETURN ALL", "Unknown argument RETURN"),
                Arguments.of("RETURN", "Unknown argument RETURN"),
                Arguments.of("RETURN MIN", "Unknown argument RETURN"),
                Arguments.of("RETURN (MIN", "Missing ')'"),
                Arguments.of("RETURN (MIN ", "Missing ')'"),
                Arguments.of("RETURN (MIN)", "Missing search parameters"),
                Arguments.of("RETURN (MIN)ALL", "Expected a space"),
                Arguments.of("RETURN (MIN\u00e9) ALL", "8bit data in atom"));
    }

    @ParameterizedTest
    @MethodSource("bad")
    void rejects(String input, String error) {
        assertThatThrownBy(() -> SearchReturn.parseIfPresent(reader(input))).isInstanceOf(ImapSyntaxException.class)
                .hasMessage(error);
    }

    @Test
    void whatSaveKeeps() {
        assertThat(new SearchReturn(EnumSet.of(Option.SAVE)).saveOnly()).isTrue();
        assertThat(new SearchReturn(EnumSet.of(Option.SAVE, Option.MIN)).saveOnly()).isFalse();
        assertThat(new SearchReturn(EnumSet.of(Option.SAVE, Option.MIN)).savesOnlyMinMax()).isTrue();
        assertThat(new SearchReturn(EnumSet.of(Option.SAVE, Option.MIN, Option.MAX)).savesOnlyMinMax()).isTrue();
        assertThat(new SearchReturn(EnumSet.of(Option.SAVE, Option.MIN, Option.ALL)).savesOnlyMinMax()).isFalse();
        assertThat(new SearchReturn(EnumSet.of(Option.SAVE, Option.MAX, Option.COUNT)).savesOnlyMinMax()).isFalse();
        assertThat(new SearchReturn(EnumSet.of(Option.SAVE)).savesOnlyMinMax()).isFalse();
    }
}
