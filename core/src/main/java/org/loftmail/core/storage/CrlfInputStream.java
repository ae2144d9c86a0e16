package org.loftmail.core.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Turns bare LF into CRLF while streaming (stored LF mail → IMAP's CRLF form). Existing CRLF is kept. */
public final class CrlfInputStream extends FilterInputStream {

    private int previous = -1;
    private boolean pendingLf;

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

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        int n = 0;
        while (n < len) {
            if (n > 0 && !pendingLf && in.available() <= 0) break;
            int c = read();
            if (c < 0) return n == 0 ? -1 : n;
            b[off + n++] = (byte) c;
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
        byte[] buf = new byte[65536];
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
