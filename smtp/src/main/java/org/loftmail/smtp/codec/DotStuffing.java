package org.loftmail.smtp.codec;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a message as a DATA body (RFC 5321 section 4.5.2): every line ends in CRLF (a bare LF or a bare CR
 * becomes CRLF, so the body can never contain a line ending the receiver reads differently from us), a line
 * starting with a dot gets a second one, and {@link #finish()} ends the data with {@code .<CRLF>} after a final
 * CRLF. It keeps state across writes, so the message may arrive in pieces of any size.
 */
public final class DotStuffing extends FilterOutputStream {

    private boolean atLineStart = true;
    private boolean pendingCr;
    private boolean finished;

    public DotStuffing(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (finished) {
            throw new IOException("data already finished");
        }
        if (pendingCr) {
            pendingCr = false;
            endLine();
            if (b == '\n') {
                return; // CRLF: already written
            }
        }
        if (b == '\r') {
            pendingCr = true;
            return;
        }
        if (b == '\n') {
            endLine();
            return;
        }
        if (atLineStart && b == '.') {
            out.write('.');
        }
        atLineStart = false;
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    private void endLine() throws IOException {
        out.write('\r');
        out.write('\n');
        atLineStart = true;
    }

    /** Ends the data: a CRLF unless the message ended with one, then {@code .<CRLF>}. Flushes; does not close. */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        if (pendingCr) {
            pendingCr = false;
            endLine();
        }
        if (!atLineStart) {
            endLine();
        }
        out.write('.');
        out.write('\r');
        out.write('\n');
        finished = true;
        out.flush();
    }

    /** Closing does not close the connection underneath; use {@link #finish()} to end the data. */
    @Override
    public void close() throws IOException {
        flush();
    }
}
