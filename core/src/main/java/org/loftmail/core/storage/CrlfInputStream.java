package org.loftmail.core.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Turns bare LF into CRLF while streaming (stored LF mail → IMAP's CRLF form). Existing CRLF is kept. */
public final class CrlfInputStream extends FilterInputStream {

    private int previous = -1;
    private boolean pendingLf;
    private final byte[] chunk = new byte[16 * 1024];

    public CrlfInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        if (pendingLf) {
            pendingLf = false;
            previous = '\n';
            return '\n';
        }
        int c = in.read();
        if (c == '\n' && previous != '\r') {
            pendingLf = true;
            previous = '\r';
            return '\r';
        }
        previous = c;
        return c;
    }

    /**
     * Reads a chunk of the underlying stream at once: at most half the room left, so that even a chunk of bare LFs
     * fits once expanded (byte-wise reads with an {@code available()} check per byte cost a system call per byte on
     * file streams: a 30 MB RETR took minutes).
     */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) return 0;
        int n = 0;
        if (pendingLf) {
            pendingLf = false;
            previous = '\n';
            b[off + n++] = '\n';
        }
        int room = Math.min((len - n) / 2, chunk.length);
        if (room == 0) {
            if (n > 0) return n;
            int c = read();
            if (c < 0) return -1;
            b[off] = (byte) c;
            return 1;
        }
        int got = in.read(chunk, 0, room);
        if (got < 0) return n == 0 ? -1 : n;
        for (int i = 0; i < got; i++) {
            int c = chunk[i] & 0xff;
            if (c == '\n' && previous != '\r') {
                b[off + n++] = '\r';
            }
            b[off + n++] = (byte) c;
            previous = c;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long k = 0;
        while (k < n && read() >= 0) k++;
        return k;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** The CRLF size of stored content: its length plus one for every LF not preceded by CR. */
    public static long virtualSize(InputStream in) throws IOException {
        return virtualSize(in, new byte[65536]);
    }

    /** As {@link #virtualSize(InputStream)} with the caller's buffer (sizing many small files in a row). */
    public static long virtualSize(InputStream in, byte[] buf) throws IOException {
        long size = 0;
        int prev = -1;
        int n;
        while ((n = in.read(buf)) > 0) {
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n' && prev != '\r') size++;
                prev = buf[i];
            }
            size += n;
        }
        return size;
    }
}
