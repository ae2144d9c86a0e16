package org.loftmail.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The end of DATA and dot-unstuffing, over the bytes a client sends after 354. The input is framed as the
 * transport frames it for SMTP dialects (split at LF, CR kept), fed in every possible two-piece split.
 */
class DataReaderTest {

    /** input after 354 → stored message ("" when the data has not ended) and what follows the end. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("hello\r\n.\r\n", "hello\r\n", ""),
                Arguments.of(".\r\n", "", ""),
                Arguments.of("..x\r\n.\r\nQUIT\r\n", ".x\r\n", "QUIT\r\n"),
                Arguments.of("a\r\n..\r\n.\r\n", "a\r\n.\r\n", ""),
                // a bare LF line ending is stored as CRLF, as before
                Arguments.of("a\nb\r\n.\r\n", "a\r\nb\r\n", ""),
                // SMTP smuggling (issue 20 item 7): none of these ends the data
                Arguments.of("a\n.\nMAIL FROM:<x@y>\r\n.\r\n", "a\r\n.\r\nMAIL FROM:<x@y>\r\n", ""),
                Arguments.of("a\r\n.\nRCPT TO:<x@y>\r\n.\r\n", "a\r\n.\r\nRCPT TO:<x@y>\r\n", ""),
                Arguments.of("a\n.\r\nDATA\r\n.\r\n", "a\r\n.\r\nDATA\r\n", ""),
                Arguments.of("a\r\n.\n", null, ""),
                Arguments.of("a\n.\n", null, ""),
                // a lone dot that is not the end stays a dot; ".." is unstuffed
                Arguments.of("x\n.\r\n..\r\n.\r\n", "x\r\n.\r\n.\r\n", ""),
                // a bare CR inside a line is content
                Arguments.of("a\rb\r\n.\r\n", "a\rb\r\n", ""));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void onlyCrlfDotCrlfEndsTheData(String input, String expected, String rest) {
        for (int split = 0; split <= input.length(); split++) {
            Result r = run(List.of(input.substring(0, split), input.substring(split)));
            assertThat(r.ended ? r.message : null).as("split at %d", split).isEqualTo(expected);
            if (expected != null) {
                assertThat(r.after).isEqualTo(rest);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void byteByByteGivesTheSameMessage(String input, String expected, String rest) {
        List<String> pieces = new ArrayList<>();
        for (char c : input.toCharArray()) {
            pieces.add(String.valueOf(c));
        }
        Result r = run(pieces);
        assertThat(r.ended ? r.message : null).isEqualTo(expected);
    }

    private record Result(boolean ended, String message, String after) {}

    /** Frames pieces into lines as the transport's LF-only decoder does, and reads them until the end. */
    private static Result run(List<String> pieces) {
        DataReader reader = new DataReader();
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        StringBuilder pending = new StringBuilder();
        StringBuilder after = new StringBuilder();
        boolean ended = false;
        for (String piece : pieces) {
            if (ended) {
                after.append(piece);
                continue;
            }
            pending.append(piece);
            int lf;
            while (!ended && (lf = pending.indexOf("\n")) >= 0) {
                byte[] line = pending.substring(0, lf).getBytes(StandardCharsets.ISO_8859_1);
                pending.delete(0, lf + 1);
                switch (reader.read(line)) {
                    case DataReader.Line.End end -> ended = true;
                    case DataReader.Line.Content c -> {
                        message.write(c.bytes(), c.offset(), c.length());
                        message.writeBytes(new byte[] {'\r', '\n'});
                    }
                }
            }
            if (ended) {
                after.append(pending);
                pending.setLength(0);
            }
        }
        return new Result(ended, message.toString(StandardCharsets.ISO_8859_1), after.toString());
    }
}
