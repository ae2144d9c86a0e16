package org.loftmail.core.mime;

import java.util.Arrays;

/** An unsynchronised growable byte array (ByteArrayOutputStream locks on every byte). */
final class ByteBuilder {
    private byte[] buf;
    private int len;

    ByteBuilder(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    void write(int b) {
        if (len == buf.length) {
            buf = Arrays.copyOf(buf, len * 2);
        }
        buf[len++] = (byte) b;
    }

    void write(byte[] b, int off, int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(len * 2, len + n));
        }
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    void writeBytes(byte[] b) {
        write(b, 0, b.length);
    }

    /** Appends a byte string (each char one byte). */
    void writeLatin1(String s) {
        int n = s.length();
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(len * 2, len + n));
        }
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    int length() {
        return len;
    }

    byte at(int i) {
        return buf[i];
    }

    void reset() {
        len = 0;
    }

    String latin1String(int from, int to) {
        return ByteStrings.of(buf, from, to - from);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }
}
