package org.loftmail.imap.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.search.SearchKey;

class SearchParserTest {

    /** A view with 10 messages whose UIDs are 101..110. */
    private static final SequenceResolver TEN = new SequenceResolver() {
        @Override
        public UidSet sequenceNumbers(SequenceSet set) {
            return set.resolve(10);
        }

        @Override
        public UidSet uids(SequenceSet set) {
            return set.resolve(110);
        }
    };

    private static SearchKey parse(String s, Charset wire) {
        return SearchParser.parse(new ArgumentReader(CommandInput.parse(s.getBytes(wire))), TEN);
    }

    static Stream<Arguments> good() {
        return Stream.of(
                Arguments.of("ALL", "All[]"),
                Arguments.of("SEEN", "Flag[flag=SEEN, present=true]"),
                Arguments.of("unseen", "Flag[flag=SEEN, present=false]"),
                Arguments.of("1:*", "SequenceNumbers[numbers=1:10]"),
                Arguments.of("UID 105:*", "Uids[uids=105:110]"),
                Arguments.of("NOT DELETED", "Not[key=Flag[flag=DELETED, present=true]]"),
                Arguments.of("OR FROM alice TO bob", "Or[left=Header[field=From, text=alice], right=Header[field=To, text=bob]]"),
                Arguments.of("(SEEN FLAGGED)", "And[keys=[Flag[flag=SEEN, present=true], Flag[flag=FLAGGED, present=true]]]"),
                Arguments.of("SINCE 1-Feb-2024 SMALLER 100", "And[keys=[InternalDate[comparison=SINCE, date=2024-02-01], Smaller[size=100]]]"),
                Arguments.of("SENTBEFORE \"2-Jan-2000\"", "SentDate[comparison=BEFORE, date=2000-01-02]"),
                Arguments.of("HEADER X-Spam yes", "Header[field=X-Spam, text=yes]"),
                Arguments.of("KEYWORD $Junk", "Keyword[keyword=$Junk, present=true]"),
                Arguments.of("NEW", "And[keys=[Recent[], Flag[flag=SEEN, present=false]]]"),
                Arguments.of("OLD", "Not[key=Recent[]]"),
                Arguments.of("CHARSET UTF-8 SUBJECT {6}\r\nM\u00fcll", "Header[field=Subject, text=M\u00fcll]"),
                Arguments.of("BODY \"x y\" TEXT z", "And[keys=[Body[text=x y], Text[text=z]]]"),
                Arguments.of("MODSEQ 5", "ModSeqAtLeast[modSeq=5]"),
                Arguments.of("MODSEQ \"/flags/\\\\draft\" all 620162338", "ModSeqAtLeast[modSeq=620162338]"));
    }

    @ParameterizedTest
    @MethodSource("good")
    void parses(String input, String expected) {
        assertThat(parse(input, StandardCharsets.UTF_8).toString()).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void decodesWithTheNamedCharset() {
        String wire = "CHARSET ISO-8859-1 SUBJECT \"M\u00fcll\"";
        assertThat(parse(wire, StandardCharsets.ISO_8859_1).toString()).isEqualTo("Header[field=Subject, text=M\u00fcll]");
        assertThatThrownBy(() -> parse("CHARSET X-NOPE ALL", StandardCharsets.UTF_8))
                .isInstanceOf(SearchParser.BadCharsetException.class);
        assertThatThrownBy(() -> parse("CHARSET US-ASCII SUBJECT \"M\u00fcll\"", StandardCharsets.UTF_8))
                .hasMessage("Invalid characters for the charset in search string");
    }

    static Stream<Arguments> bad() {
        return Stream.of(
                Arguments.of("", "Missing search parameters"),
                Arguments.of("FOO", "Unknown argument FOO"),
                Arguments.of("SINCE", "Missing arguments"),
                Arguments.of("SINCE 99-Foo-2020", "Invalid date"),
                Arguments.of("(SEEN", "Missing arguments"),
                Arguments.of("()", "Empty search list"),
                Arguments.of("OR SEEN", "Missing arguments"),
                Arguments.of("0:3", "Invalid messageset"),
                Arguments.of("SEEN  DELETED", "Expected an atom"),
                Arguments.of("(".repeat(200) + "ALL" + ")".repeat(200), "Search program nested too deeply"));
    }

    @ParameterizedTest
    @MethodSource("bad")
    void rejects(String input, String error) {
        assertThatThrownBy(() -> parse(input, StandardCharsets.UTF_8)).isInstanceOf(ImapSyntaxException.class)
                .hasMessageStartingWith(error);
    }
}
