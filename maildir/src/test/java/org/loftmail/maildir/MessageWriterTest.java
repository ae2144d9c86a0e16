package org.loftmail.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CRLF stored as LF, a lone CR kept, sizes as Dovecot names them, whatever the reads' chunk boundaries. */
class MessageWriterTest {

    @TempDir
    Path tmp;

    @Test
    void storesLfAndCountsSizesAcrossChunkBoundaries() throws Exception {
        Random random = new Random(42);
        byte[] alphabet = {'a', '\r', '\n', 0};
        for (int round = 0; round < 200; round++) {
            byte[] raw = new byte[random.nextInt(300)];
            for (int i = 0; i < raw.length; i++) raw[i] = alphabet[random.nextInt(alphabet.length)];
            MessageWriter.Written w = MessageWriter.write(chunky(raw, random), tmp, Instant.ofEpochSecond(1_700_000_000),
                    new FileCreator(java.util.OptionalInt.empty(), java.util.OptionalInt.empty()));
            byte[] stored = Files.readAllBytes(w.tmpFile());
            assertThat(stored).isEqualTo(expectedStored(raw));
            assertThat(w.size()).isEqualTo(stored.length);
            assertThat(w.virtualSize()).isEqualTo(virtualSize(stored));
            assertThat(w.name().base()).endsWith(",S=" + w.size() + ",W=" + w.virtualSize());
            Files.delete(w.tmpFile());
        }
    }

    /** CR LF → LF; every other byte, a lone CR included, as is. */
    private static byte[] expectedStored(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\r' && i + 1 < raw.length && raw[i + 1] == '\n') continue;
            out.write(raw[i]);
        }
        return out.toByteArray();
    }

    /** The size with every bare LF counted as CRLF. */
    private static long virtualSize(byte[] stored) {
        long v = 0;
        for (int i = 0; i < stored.length; i++) v += stored[i] == '\n' && (i == 0 || stored[i - 1] != '\r') ? 2 : 1;
        return v;
    }

    private static InputStream chunky(byte[] raw, Random random) {
        return new InputStream() {
            int pos;

            @Override
            public int read() {
                return pos < raw.length ? raw[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= raw.length) return -1;
                int n = Math.min(Math.min(len, 1 + random.nextInt(7)), raw.length - pos);
                System.arraycopy(raw, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }
}
