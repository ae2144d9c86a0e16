package org.loftmail.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LineFeedsTest {

    private static int naive(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') return i;
        }
        return to;
    }

    @Test
    void findsTheFirstLineFeedLikeAByteLoop() {
        Random r = new Random(7);
        // bytes next to LF in value (0x09, 0x0B, 0x8A) and 0x00/0xFF catch carry and sign mistakes
        byte[] alphabet = {'\n', '\r', 0x09, 0x0B, (byte) 0x8A, 0x00, (byte) 0xFF, 'a', '.', 0x0A - 1};
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[r.nextInt(40)];
            int density = 1 + r.nextInt(30);
            for (int i = 0; i < b.length; i++) {
                b[i] = r.nextInt(density) == 0 ? (byte) '\n' : alphabet[1 + r.nextInt(alphabet.length - 1)];
            }
            int from = b.length == 0 ? 0 : r.nextInt(b.length + 1);
            int to = from + r.nextInt(b.length - from + 1);
            assertThat(LineFeeds.next(b, from, to)).isEqualTo(naive(b, from, to));
        }
    }

    @Test
    void noLineFeedGivesTheEnd() {
        assertThat(LineFeeds.next(new byte[0], 0, 0)).isZero();
        assertThat(LineFeeds.next("abcdefghijklmnop".getBytes(), 3, 16)).isEqualTo(16);
        assertThat(LineFeeds.next("abcdefghijklm\nop".getBytes(), 3, 13)).isEqualTo(13);
        assertThat(LineFeeds.next("\n\n".getBytes(), 1, 2)).isEqualTo(1);
    }
}
