package org.loftmail.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrlfInputStreamTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a\\nb            | a\\r\\nb
            a\\r\\nb         | a\\r\\nb
            \\n\\n           | \\r\\n\\r\\n
            lone\\rcr\\n     | lone\\rcr\\r\\n
            \\r\\r\\n        | \\r\\r\\n
            end\\r           | end\\r
            """)
    void bareLineFeedsBecomeCrlf(String in, String out) throws IOException {
        byte[] raw = ByteStrings.bytes(unescape(in));
        for (int chunk = 1; chunk <= 4; chunk++) {
            assertThat(ByteStrings.of(readInChunks(new CrlfInputStream(new ByteArrayInputStream(raw)), chunk)))
                    .isEqualTo(unescape(out));
        }
    }

    @Test
    void blockReadsGiveWhatByteReadsGive() throws IOException {
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 50; round++) {
            byte[] raw = new byte[random.nextInt(20000)];
            for (int i = 0; i < raw.length; i++) raw[i] = (byte) "ab\r\n\0".charAt(random.nextInt(5));
            java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
            try (InputStream in = new CrlfInputStream(new ByteArrayInputStream(raw), round % 2 == 0)) {
                int c;
                while ((c = in.read()) >= 0) expected.write(c);
            }
            int chunk = 1 + random.nextInt(9000);
            try (InputStream in = new CrlfInputStream(new java.io.BufferedInputStream(new ByteArrayInputStream(raw), 1 + random.nextInt(100)),
                    round % 2 == 0)) {
                assertThat(readInChunks(in, chunk)).as("round %d chunk %d", round, chunk).isEqualTo(expected.toByteArray());
            }
        }
    }

    @Test
    void nulBecomes0x80OnlyWhenAsked() throws IOException {
        byte[] raw = {'a', 0, 'b'};
        assertThat(new CrlfInputStream(new ByteArrayInputStream(raw)).readAllBytes()).isEqualTo(raw);
        assertThat(new CrlfInputStream(new ByteArrayInputStream(raw), true).readAllBytes())
                .isEqualTo(new byte[] {'a', (byte) 0x80, 'b'});
    }

    @Test
    void readsExactlyASpanOfAFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m");
        Files.write(f, ByteStrings.bytes("0123\nabc\ndef\n"));
        Span span = new Span(5, 4, 5, 1); // "abc\n"
        try (InputStream in = CrlfInputStream.of(f, span)) {
            assertThat(ByteStrings.of(in.readAllBytes())).isEqualTo("abc\r\n");
        }
    }

    private static byte[] readInChunks(InputStream in, int chunk) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[chunk];
        int n;
        while ((n = in.read(buf, 0, chunk)) > 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n");
    }

    /** Every read size gives the same bytes, and the stream below is only read, never asked for available(). */
    @Test
    void bulkReadsMatchByteReadsAtEveryBufferSize() throws IOException {
        byte[] raw = "a\nb\r\n\n\r\rc\n\0\n".repeat(50).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] expected;
        try (InputStream one = new CrlfInputStream(new ByteArrayInputStream(raw), true)) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (int c; (c = one.read()) >= 0; ) out.write(c);
            expected = out.toByteArray();
        }
        for (int size = 1; size <= 40; size++) {
            InputStream below = new ByteArrayInputStream(raw) {
                @Override
                public synchronized int available() {
                    throw new AssertionError("available() asked");
                }
            };
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try (InputStream in = new CrlfInputStream(below, true)) {
                byte[] buf = new byte[size];
                for (int n; (n = in.read(buf, 0, size)) >= 0; ) out.write(buf, 0, n);
            }
            assertThat(out.toByteArray()).as("buffer of %d", size).isEqualTo(expected);
        }
    }
}
