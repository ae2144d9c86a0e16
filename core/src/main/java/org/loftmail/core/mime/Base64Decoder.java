package org.loftmail.core.mime;

import java.io.ByteArrayOutputStream;

/** An incremental, lenient base64 decoder: characters outside the alphabet are skipped; padding ends a quantum. */
final class Base64Decoder {
    private static final int[] VALUES = new int[256];

    static {
        java.util.Arrays.fill(VALUES, -1);
        String a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < a.length(); i++) {
            VALUES[a.charAt(i)] = i;
        }
    }

    private int bits;
    private int count;

    static boolean isAlphabet(int c) {
        return c >= 0 && c < 256 && VALUES[c] >= 0;
    }

    /** Feeds one input character; decoded bytes go to {@code out}. */
    void accept(int c, ByteArrayOutputStream out) {
        if (c == '=') {
            // padding ends the quantum; data after it starts a new one, as lenient decoders do
            finish(out);
            return;
        }
        int v = c >= 0 && c < 256 ? VALUES[c] : -1;
        if (v < 0) {
            return;
        }
        bits = (bits << 6) | v;
        count++;
        if (count == 4) {
            out.write((bits >> 16) & 0xFF);
            out.write((bits >> 8) & 0xFF);
            out.write(bits & 0xFF);
            bits = 0;
            count = 0;
        }
    }

    /**
     * As {@link #accept(int, ByteArrayOutputStream)} into an array with room for three more bytes; returns the new
     * end. For streams, where a synchronised write per byte costs more than the decoding.
     */
    int accept(int c, byte[] out, int end) {
        int v = c >= 0 && c < 256 ? VALUES[c] : -1;
        if (v < 0) {
            return end;
        }
        bits = (bits << 6) | v;
        count++;
        if (count == 4) {
            out[end++] = (byte) (bits >> 16);
            out[end++] = (byte) (bits >> 8);
            out[end++] = (byte) bits;
            bits = 0;
            count = 0;
        }
        return end;
    }

    /** Writes what a final partial quantum holds; false if it was impossible (a single leftover character). */
    boolean finish(ByteArrayOutputStream out) {
        boolean ok = count != 1;
        if (count == 2) {
            out.write((bits >> 4) & 0xFF);
        } else if (count == 3) {
            out.write((bits >> 10) & 0xFF);
            out.write((bits >> 2) & 0xFF);
        }
        bits = 0;
        count = 0;
        return ok;
    }
}
