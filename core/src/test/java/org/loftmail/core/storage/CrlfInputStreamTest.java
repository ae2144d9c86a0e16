package org.loftmail.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CrlfInputStreamTest {

    private static final String[] CASES = {
        "", "\n", "\r\n", "a\nb\r\nc", "\n\n\n", "x\r", "\r\r\n\n", "no newline", "a\n".repeat(20_000),
    };

    private static String expected(String s) {
        StringBuilder b = new StringBuilder();
        char prev = 0;
        for (char c : s.toCharArray()) {
            if (c == '\n' && prev != '\r') b.append('\r');
            b.append(c);
            prev = c;
        }
        return b.toString();
    }

    private static String readWith(String input, int bufferSize) throws IOException {
        InputStream in = new CrlfInputStream(new ByteArrayInputStream(input.getBytes(StandardCharsets.US_ASCII)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[bufferSize];
        int n;
        while ((n = in.read(buf, 0, bufferSize)) >= 0) {
            assertThat(n).isPositive();
            out.write(buf, 0, n);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void bareLfBecomesCrlfWhateverTheReadSize() throws IOException {
        for (String c : CASES) {
            for (int size : new int[] {1, 2, 3, 7, 64, 65_536}) {
                assertThat(readWith(c, size)).as("%s with reads of %d", c.length() > 20 ? "long" : c, size)
                        .isEqualTo(expected(c));
            }
        }
    }

    @Test
    void mixedSingleAndBulkReadsAgree() throws IOException {
        String s = "a\nb\r\n\nc\n";
        InputStream in = new CrlfInputStream(new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(in.read()); // a
        out.write(in.read()); // \r
        byte[] buf = new byte[5];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
            int c = in.read();
            if (c >= 0) out.write(c);
        }
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo(expected(s));
    }
}
