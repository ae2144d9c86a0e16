package org.loftmail.pop3.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageStreamerTest {

    private static String stream(String message, long lines, boolean nuls, boolean eoh) throws IOException {
        RecordingConnection c = new RecordingConnection();
        long n = new MessageStreamer(nuls, eoh).stream(
                new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1)), lines, new Pop3Writer(c));
        assertThat(n).isEqualTo(c.written.size());
        return c.text();
    }

    /** Reads one byte per call: the streamer must not depend on how the storage's stream is chunked. */
    private static final class Trickle extends InputStream {
        private final byte[] data;
        private int pos;

        Trickle(String s) {
            data = s.getBytes(StandardCharsets.ISO_8859_1);
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= data.length) return -1;
            b[off] = data[pos++];
            return 1;
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // message | body lines (-1 = all) | expected on the wire
        "A: b\\r\\n\\r\\n.x\\r\\n..\\r\\n.\\r\\nend\\r\\n | -1 | A: b\\r\\n\\r\\n..x\\r\\n...\\r\\n..\\r\\nend\\r\\n",
        "A: b\\r\\n\\r\\nno newline | -1 | A: b\\r\\n\\r\\nno newline\\r\\n",
        "A: b\\r\\n\\r\\n1\\r\\n2\\r\\n3\\r\\n | 0 | A: b\\r\\n\\r\\n",
        "A: b\\r\\n\\r\\n1\\r\\n2\\r\\n3\\r\\n | 2 | A: b\\r\\n\\r\\n1\\r\\n2\\r\\n",
        "A: b\\r\\n\\r\\n1\\r\\n2\\r\\n3\\r\\n | 99 | A: b\\r\\n\\r\\n1\\r\\n2\\r\\n3\\r\\n",
        "A: b\\r\\nC: d\\r\\n | 0 | A: b\\r\\nC: d\\r\\n",
        "'' | -1 | ''",
        ".A: b\\r\\n\\r\\nx | 1 | ..A: b\\r\\n\\r\\nx\\r\\n",
    })
    void dotStuffsCutsAndEndsOnALineBoundary(String message, long lines, String expected) throws IOException {
        String m = message.replace("\\r\\n", "\r\n");
        String e = expected.replace("\\r\\n", "\r\n");
        assertThat(stream(m, lines, false, false)).isEqualTo(e);
        RecordingConnection c = new RecordingConnection();
        new MessageStreamer(false, false).stream(new Trickle(m), lines, new Pop3Writer(c));
        assertThat(c.text()).as("fed a byte at a time").isEqualTo(e);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // stored with LF (or mixed) line ends | body lines | expected on the wire
        "A: b\\n\\n.x\\n..\\nend\\n | -1 | A: b\\r\\n\\r\\n..x\\r\\n...\\r\\nend\\r\\n",
        "A: b\\n\\n1\\n2\\n3\\n | 2 | A: b\\r\\n\\r\\n1\\r\\n2\\r\\n",
        "A: b\\n\\r\\n1\\r\\n2\\n | 1 | A: b\\r\\n\\r\\n1\\r\\n",
        "A: b\\n\\nx\\ry\\n\\n | -1 | A: b\\r\\n\\r\\nx\\ry\\r\\n\\r\\n",
        "A: b\\n\\nends with CR\\r | -1 | A: b\\r\\n\\r\\nends with CR\\r\\r\\n",
        "\\n.\\n | -1 | \\r\\n..\\r\\n",
    })
    void sendsBareLfAsCrlf(String message, long lines, String expected) throws IOException {
        String m = message.replace("\\r", "\r").replace("\\n", "\n");
        String e = expected.replace("\\r", "\r").replace("\\n", "\n");
        assertThat(stream(m, lines, false, false)).isEqualTo(e);
        RecordingConnection c = new RecordingConnection();
        new MessageStreamer(false, false).stream(new Trickle(m), lines, new Pop3Writer(c));
        assertThat(c.text()).as("fed a byte at a time").isEqualTo(e);
    }

    @Test
    void outlookNoNulsSendsNulAs0x80() throws IOException {
        assertThat(stream("A: b\r\n\r\nx\0y\r\n", -1, true, false)).isEqualTo("A: b\r\n\r\nx\u0080y\r\n");
        assertThat(stream("A: b\r\n\r\nx\0y\r\n", -1, false, false)).isEqualTo("A: b\r\n\r\nx\0y\r\n");
    }

    @Test
    void oeNsEohAddsTheMissingEndOfHeaders() throws IOException {
        assertThat(stream("A: b\r\nC: d\r\n", -1, false, true)).isEqualTo("A: b\r\nC: d\r\n\r\n");
        assertThat(stream("A: b\r\n\r\nbody\r\n", -1, false, true)).isEqualTo("A: b\r\n\r\nbody\r\n");
    }

    @Test
    void aLargeMessageGoesOutInBoundedWrites() throws IOException {
        byte[] line = ".0123456789012345678901234567890123456789012345678901234567890123456789\r\n".getBytes(StandardCharsets.US_ASCII);
        int lines = 200_000; // ~15 MB
        InputStream big = new InputStream() {
            long pos;
            final long size = (long) line.length * lines;

            @Override
            public int read() {
                return pos < size ? line[(int) (pos++ % line.length)] : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= size) return -1;
                int n = (int) Math.min(len, size - pos);
                for (int i = 0; i < n; i++) b[off + i] = line[(int) (pos++ % line.length)];
                return n;
            }
        };
        CountingConnection c = new CountingConnection();
        long n = new MessageStreamer(false, false).stream(big, -1, new Pop3Writer(c));
        assertThat(n).isEqualTo((long) (line.length + 1) * lines);
        assertThat(c.total).isEqualTo(n);
        assertThat(c.largestWrite).isLessThanOrEqualTo(256 * 1024);
        assertThat(c.flushes).isGreaterThan(50);
    }

    /** Counts instead of keeping, so the test itself does not hold the message. */
    private static final class CountingConnection extends RecordingConnectionBase {
        long total;
        int largestWrite;
        int flushes;

        @Override
        public void write(byte[] bytes) {
            total += bytes.length;
            largestWrite = Math.max(largestWrite, bytes.length);
        }

        @Override
        public boolean flush() {
            flushes++;
            return true;
        }
    }
}
