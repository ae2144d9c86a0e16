package org.loftmail.core.mime;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of a message up to and including the blank line (LF or CRLF) that ends its top-level header, then
 * end of input: header-only work (SEARCH HEADER, SENTBEFORE) reads a few hundred bytes instead of whole parts.
 */
final class HeaderBlockInputStream extends InputStream {

    private final InputStream in;
    private final byte[] buf = new byte[4096];
    private int pos;
    private int len;
    /** Bytes of the current line so far, ignoring a CR just before the LF; 0 at a line start. */
    private int lineBytes;
    private boolean pendingCr;
    private boolean done;

    HeaderBlockInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        if (done) return -1;
        if (pos == len) {
            len = in.read(buf, 0, buf.length);
            pos = 0;
            if (len <= 0) {
                len = 0;
                done = true;
                return -1;
            }
        }
        int b = buf[pos++] & 0xff;
        if (b == '\n') {
            // a line that was empty, or held only the CR of a CRLF, is the blank line ending the header
            if (lineBytes == 0) done = true;
            lineBytes = 0;
            pendingCr = false;
        } else if (b == '\r' && lineBytes == 0 && !pendingCr) {
            pendingCr = true;
        } else {
            lineBytes += pendingCr ? 2 : 1;
            pendingCr = false;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int n) throws IOException {
        if (n == 0) return 0;
        int i = 0;
        while (i < n) {
            if (done) break;
            if (pos == len && i > 0) break; // hand over what we have rather than block for more
            int c = read();
            if (c < 0) break;
            b[off + i++] = (byte) c;
        }
        return i == 0 ? -1 : i;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
