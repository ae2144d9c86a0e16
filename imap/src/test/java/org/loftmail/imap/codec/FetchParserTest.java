package org.loftmail.imap.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FetchParserTest {

    private static List<FetchAttribute> parse(String s) {
        ArgumentReader r = new ArgumentReader(CommandInput.parse(s.getBytes(StandardCharsets.UTF_8)));
        List<FetchAttribute> out = FetchParser.parse(r);
        r.end();
        return out;
    }

    private static String describe(FetchAttribute a) {
        return switch (a) {
            case FetchAttribute.Simple s -> s.imapName();
            case FetchAttribute.BodySection b -> (b.peek() ? "BODY.PEEK[" : "BODY[") + b.section().spec() + "]"
                    + b.partial().map(p -> "<" + p.offset() + "." + p.length() + ">").orElse("");
            case FetchAttribute.Binary b -> (b.peek() ? "BINARY.PEEK" : "BINARY") + b.part()
                    + b.partial().map(p -> "<" + p.offset() + "." + p.length() + ">").orElse("");
            case FetchAttribute.BinarySize b -> "BINARY.SIZE" + b.part();
        };
    }

    static Stream<Arguments> good() {
        return Stream.of(
                Arguments.of("FLAGS", "FLAGS"),
                Arguments.of("(UID FLAGS)", "UID FLAGS"),
                Arguments.of("fast", "FLAGS INTERNALDATE RFC822.SIZE"),
                Arguments.of("ALL", "FLAGS INTERNALDATE RFC822.SIZE ENVELOPE"),
                Arguments.of("FULL", "FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODY"),
                Arguments.of("BODY[]", "BODY[]"),
                Arguments.of("body.peek[header]", "BODY.PEEK[HEADER]"),
                Arguments.of("BODY[1.2.MIME]", "BODY[1.2.MIME]"),
                Arguments.of("BODY[1.2]<0.100>", "BODY[1.2]<0.100>"),
                Arguments.of("BODY[3.TEXT]", "BODY[3.TEXT]"),
                Arguments.of("BODY.PEEK[HEADER.FIELDS (From To \"Subject\")]", "BODY.PEEK[HEADER.FIELDS (FROM TO SUBJECT)]"),
                Arguments.of("BODY[1.HEADER.FIELDS.NOT (X-Spam)]", "BODY[1.HEADER.FIELDS.NOT (X-SPAM)]"),
                Arguments.of("(RFC822.SIZE RFC822.HEADER RFC822.TEXT RFC822 BODYSTRUCTURE ENVELOPE INTERNALDATE MODSEQ)",
                        "RFC822.SIZE RFC822.HEADER RFC822.TEXT RFC822 BODYSTRUCTURE ENVELOPE INTERNALDATE MODSEQ"),
                Arguments.of("BINARY.PEEK[1]<0.10>", "BINARY.PEEK[1]<0.10>"),
                Arguments.of("(BINARY[] BINARY.SIZE[2])", "BINARY[] BINARY.SIZE[2]"));
    }

    @ParameterizedTest
    @MethodSource("good")
    void parses(String input, String expected) {
        assertThat(parse(input).stream().map(FetchParserTest::describe).collect(Collectors.joining(" "))).isEqualTo(expected);
    }

    static Stream<Arguments> bad() {
        return Stream.of(
                Arguments.of("(FAST)", "Unknown parameter FAST"),
                Arguments.of("()", "Empty fetch list"),
                Arguments.of("(FLAGS", "Missing arguments"),
                Arguments.of("BODY[", "Invalid section"),
                Arguments.of("BODY[MIME]", "Invalid section: MIME needs a part number"),
                Arguments.of("BODY[0]", "Invalid section"),
                Arguments.of("BODY[1.]", "Invalid section"),
                Arguments.of("BODY[HEADER.FIELDS ()]", "Empty header field list"),
                Arguments.of("BODY[HEADER.FIELDS (\"a b\")]", "Invalid header field name"),
                Arguments.of("BODY[]<5.0>", "Expected a non-zero number"),
                Arguments.of("BODY.PEEK", "Invalid fetch attribute"),
                Arguments.of("BINARY[1.TEXT]", "Invalid section"),
                Arguments.of("\u00e9", "Invalid fetch attribute"));
    }

    @ParameterizedTest
    @MethodSource("bad")
    void rejects(String input, String error) {
        assertThatThrownBy(() -> parse(input)).isInstanceOf(ImapSyntaxException.class).hasMessage(error);
    }
}
