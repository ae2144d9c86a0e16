package org.loftmail.auth.scheme;

import java.util.Arrays;

/**
 * MD5 (RFC 1321) with an inspectable and settable chaining state, which the JDK's MessageDigest
 * does not offer. CRAM-MD5 credentials are the HMAC-MD5 inner and outer states after the key
 * block, so checking a CRAM-MD5 response from stored credentials needs to resume from them.
 */
final class Md5State {
    private static final int[] S = {
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
        5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
        4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
        6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21
    };
    private static final int[] K = new int[64];

    static {
        for (int i = 0; i < 64; i++) {
            K[i] = (int) (long) Math.floor(Math.abs(Math.sin(i + 1)) * 4294967296.0);
        }
    }

    private final int[] h = new int[4];
    private final byte[] buffer = new byte[64];
    private int buffered;
    private long length;

    private Md5State(int a, int b, int c, int d, long length) {
        h[0] = a;
        h[1] = b;
        h[2] = c;
        h[3] = d;
        this.length = length;
    }

    static Md5State initial() {
        return new Md5State(0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0);
    }

    /** Resumes from a chaining state after {@code length} bytes (a multiple of 64). */
    static Md5State resume(int[] state, long length) {
        if (length % 64 != 0) {
            throw new IllegalArgumentException("MD5 can only resume at a block boundary");
        }
        return new Md5State(state[0], state[1], state[2], state[3], length);
    }

    /** The chaining state; only meaningful at a block boundary. */
    int[] state() {
        if (buffered != 0) {
            throw new IllegalStateException("not at a block boundary");
        }
        return h.clone();
    }

    Md5State update(byte[] data) {
        for (byte b : data) {
            buffer[buffered++] = b;
            length++;
            if (buffered == 64) {
                compress(buffer);
                buffered = 0;
            }
        }
        return this;
    }

    byte[] digest() {
        long bits = length * 8;
        byte[] pad = new byte[((buffered < 56) ? 56 : 120) - buffered];
        pad[0] = (byte) 0x80;
        update(pad);
        byte[] len = new byte[8];
        for (int i = 0; i < 8; i++) {
            len[i] = (byte) (bits >>> (8 * i));
        }
        update(len);
        byte[] out = new byte[16];
        for (int i = 0; i < 4; i++) {
            putLittleEndian(out, 4 * i, h[i]);
        }
        return out;
    }

    static void putLittleEndian(byte[] out, int offset, int v) {
        out[offset] = (byte) v;
        out[offset + 1] = (byte) (v >>> 8);
        out[offset + 2] = (byte) (v >>> 16);
        out[offset + 3] = (byte) (v >>> 24);
    }

    static int getLittleEndian(byte[] in, int offset) {
        return (in[offset] & 0xff) | (in[offset + 1] & 0xff) << 8 | (in[offset + 2] & 0xff) << 16
                | (in[offset + 3] & 0xff) << 24;
    }

    private void compress(byte[] block) {
        int[] m = new int[16];
        for (int i = 0; i < 16; i++) {
            m[i] = getLittleEndian(block, 4 * i);
        }
        int a = h[0];
        int b = h[1];
        int c = h[2];
        int d = h[3];
        for (int i = 0; i < 64; i++) {
            int f;
            int g;
            if (i < 16) {
                f = (b & c) | (~b & d);
                g = i;
            } else if (i < 32) {
                f = (d & b) | (~d & c);
                g = (5 * i + 1) % 16;
            } else if (i < 48) {
                f = b ^ c ^ d;
                g = (3 * i + 5) % 16;
            } else {
                f = c ^ (b | ~d);
                g = (7 * i) % 16;
            }
            int t = d;
            d = c;
            c = b;
            b = b + Integer.rotateLeft(a + f + K[i] + m[g], S[i]);
            a = t;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        Arrays.fill(m, 0);
    }
}
