package org.loftmail.pop3.codec;

import java.io.IOException;
import java.io.InputStream;
import org.loftmail.core.mime.LineFeeds;

/**
 * Sends a stored message as the body of a RETR or TOP response: every bare LF sent as CRLF (the stored form may use
 * LF line ends; CRLF is kept), dot-stuffed, in bounded chunks so that a large message never sits in the heap,
 * optionally cut after the header and {@code n} body lines (TOP), with a CRLF added when the message does not end
 * with one (the terminating "." must start a line). The terminating ".\r\n" is the caller's.
 *
 * <p>Line ends, stuffing and the cut are done in one pass over the stored bytes, a line at a time: the bytes between
 * two LFs are copied as a block (profiles of the POP3 download showed the former byte-at-a-time loop, behind a
 * separate CRLF-converting stream, as the top CPU cost of RETR).
 *
 * <p>Dovecot's client workarounds are applied here: {@code outlook-no-nuls} sends NUL bytes as 0x80, and
 * {@code oe-ns-eoh} adds the empty line that ends the header when the message has none.
 */
public final class MessageStreamer {

    /** No body line limit: the whole message (RETR). */
    public static final long WHOLE_MESSAGE = -1;

    /** Bytes read from storage at a time, and what is written out before a flush. */
    private static final int CHUNK = 64 * 1024;
    private static final int FLUSH_AT = 2 * CHUNK;

    private final boolean replaceNuls;
    private final boolean addMissingEndOfHeaders;

    public MessageStreamer(boolean replaceNuls, boolean addMissingEndOfHeaders) {
        this.replaceNuls = replaceNuls;
        this.addMissingEndOfHeaders = addMissingEndOfHeaders;
    }

    /** As {@link #stream(InputStream, long, long, Pop3Writer)} without a size hint. */
    public long stream(InputStream message, long bodyLines, Pop3Writer out) throws IOException {
        return stream(message, bodyLines, Long.MAX_VALUE, out);
    }

    /**
     * Streams {@code message} to {@code out}. {@code sizeHint} (the stored size, or more) only sizes the buffers, so
     * that a small message does not cost two 64 KiB arrays. Returns the number of bytes written (stuffing and any
     * added CRLF included), which Dovecot's logout line counts.
     *
     * @throws ClientGoneException when the connection closed meanwhile: the rest of the message is not read
     */
    public long stream(InputStream message, long bodyLines, long sizeHint, Pop3Writer out) throws IOException {
        int inSize = (int) Math.max(64, Math.min(CHUNK, sizeHint + 1));
        byte[] in = new byte[inSize];
        // Worst case a chunk doubles (every byte a bare LF, or "." then LF); the buffer is written out once it
        // holds FLUSH_AT bytes, so it never needs more than this.
        byte[] buf = new byte[Math.min(FLUSH_AT, 2 * inSize) + 2 * inSize + 8];
        int used = 0;
        long written = 0;
        boolean lineStart = true;
        boolean inBody = false;
        int lineLength = 0; // bytes of the current line so far, its line end excluded
        byte previous = 0; // the stored byte before the current one, across reads
        long linesLeft = bodyLines;
        boolean done = false;
        int n;
        while (!done && (n = message.read(in, 0, in.length)) > 0) {
            int i = 0;
            while (i < n) {
                if (lineStart) {
                    if (in[i] == '.') {
                        buf[used++] = '.';
                    }
                    lineStart = false;
                }
                int lf = LineFeeds.next(in, i, n);
                int run = lf - i;
                if (run > 0) {
                    System.arraycopy(in, i, buf, used, run);
                    if (replaceNuls) {
                        replaceNuls(buf, used, run);
                    }
                    used += run;
                    lineLength += run;
                    previous = in[lf - 1];
                }
                if (lf == n) {
                    break; // the line goes on in the next read
                }
                boolean hadCr = lineLength > 0 && previous == '\r';
                if (!hadCr) {
                    buf[used++] = '\r';
                }
                buf[used++] = '\n';
                boolean emptyLine = lineLength == 0 || lineLength == 1 && hadCr;
                previous = '\n';
                lineLength = 0;
                lineStart = true;
                i = lf + 1;
                if (!inBody) {
                    if (emptyLine) {
                        inBody = true;
                        if (linesLeft == 0) {
                            done = true;
                            break;
                        }
                    }
                } else if (linesLeft > 0 && --linesLeft == 0) {
                    done = true;
                    break;
                }
            }
            if (used >= FLUSH_AT || used > buf.length - 2 * in.length - 8) {
                out.rawBytes(buf, used);
                if (!out.flush()) {
                    throw new ClientGoneException();
                }
                written += used;
                used = 0;
            }
        }
        if (!lineStart) {
            buf[used++] = '\r';
            buf[used++] = '\n';
        }
        if (!inBody && addMissingEndOfHeaders) {
            buf[used++] = '\r';
            buf[used++] = '\n';
        }
        if (used > 0) {
            out.rawBytes(buf, used);
            written += used;
        }
        return written;
    }

    private static void replaceNuls(byte[] b, int from, int length) {
        for (int k = from; k < from + length; k++) {
            if (b[k] == 0) {
                b[k] = (byte) 0x80;
            }
        }
    }
}
