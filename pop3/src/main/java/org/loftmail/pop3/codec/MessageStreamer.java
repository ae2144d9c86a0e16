package org.loftmail.pop3.codec;

import java.io.IOException;
import java.io.InputStream;

/**
 * Sends a stored message (already in CRLF form) as the body of a RETR or TOP response: dot-stuffed, in bounded
 * chunks so that a large message never sits in the heap, optionally cut after the header and {@code n} body lines
 * (TOP), with a CRLF added when the message does not end with one (the terminating "." must start a line). The
 * terminating ".\r\n" is the caller's.
 *
 * <p>Dovecot's client workarounds are applied here: {@code outlook-no-nuls} sends NUL bytes as 0x80, and
 * {@code oe-ns-eoh} adds the empty line that ends the header when the message has none.
 */
public final class MessageStreamer {

    /** No body line limit: the whole message (RETR). */
    public static final long WHOLE_MESSAGE = -1;

    private static final int CHUNK = 64 * 1024;

    private final boolean replaceNuls;
    private final boolean addMissingEndOfHeaders;

    public MessageStreamer(boolean replaceNuls, boolean addMissingEndOfHeaders) {
        this.replaceNuls = replaceNuls;
        this.addMissingEndOfHeaders = addMissingEndOfHeaders;
    }

    /**
     * Streams {@code message} to {@code out}. Returns the number of bytes written (stuffing and any added CRLF
     * included), which Dovecot's logout line counts.
     *
     * @throws ClientGoneException when the connection closed meanwhile: the rest of the message is not read
     */
    public long stream(InputStream message, long bodyLines, Pop3Writer out) throws IOException {
        byte[] in = new byte[CHUNK];
        byte[] buf = new byte[CHUNK * 2 + 8];
        int used = 0;
        long written = 0;
        boolean lineStart = true;
        boolean inBody = false;
        int lineLength = 0;
        long linesLeft = bodyLines;
        boolean done = false;
        byte previous = 0;
        int n;
        reading:
        while (!done && (n = message.read(in)) > 0) {
            for (int i = 0; i < n; i++) {
                byte b = in[i];
                if (lineStart && b == '.') {
                    buf[used++] = '.';
                }
                buf[used++] = b == 0 && replaceNuls ? (byte) 0x80 : b;
                lineLength++;
                if (b == '\n') {
                    boolean emptyLine = lineLength == 1 || lineLength == 2 && previous == '\r';
                    lineStart = true;
                    lineLength = 0;
                    if (!inBody) {
                        if (emptyLine) {
                            inBody = true;
                            if (linesLeft == 0) {
                                done = true;
                                break reading;
                            }
                        }
                    } else if (linesLeft > 0 && --linesLeft == 0) {
                        done = true;
                        break reading;
                    }
                } else {
                    lineStart = false;
                }
                previous = b;
                if (used >= CHUNK * 2) {
                    out.rawBytes(buf, used);
                    if (!out.flush()) {
                        throw new ClientGoneException();
                    }
                    written += used;
                    used = 0;
                }
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
}
