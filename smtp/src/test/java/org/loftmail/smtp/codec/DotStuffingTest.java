package org.loftmail.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DotStuffingTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("", ".\r\n"),
                Arguments.of("a\r\n", "a\r\n.\r\n"),
                Arguments.of("a", "a\r\n.\r\n"),
                Arguments.of(".\r\n", "..\r\n.\r\n"),
                Arguments.of("x\r\n.y\r\n..\r\n", "x\r\n..y\r\n...\r\n.\r\n"),
                // bare line ends become CRLF, so the receiver cannot see a line end we did not mean
                Arguments.of("a\n.\nb", "a\r\n..\r\nb\r\n.\r\n"),
                Arguments.of("a\r.\rb\r", "a\r\n..\r\nb\r\n.\r\n"),
                Arguments.of("a\r\r\nb", "a\r\n\r\nb\r\n.\r\n"),
                Arguments.of("mid.dot\r\n", "mid.dot\r\n.\r\n"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void stuffsAndNormalisesWhateverTheWritesAreSplitAt(String message, String wire) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
        for (int split = 0; split <= bytes.length; split++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DotStuffing stuffing = new DotStuffing(out);
            stuffing.write(bytes, 0, split);
            stuffing.write(bytes, split, bytes.length - split);
            stuffing.finish();
            assertThat(out.toString(StandardCharsets.ISO_8859_1)).as("split at %d", split).isEqualTo(wire);
        }
    }
}
