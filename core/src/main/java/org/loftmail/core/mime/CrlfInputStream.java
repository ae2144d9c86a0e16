package org.loftmail.core.mime;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes bytes through, sending every bare LF as CRLF: how a section of a stored message (which may use LF line
 * ends) goes out over IMAP. Its length is the {@link Span#size()} of the span read. Optionally replaces NUL bytes
 * by 0x80 as Dovecot does in BODY[] (not in BINARY[]).
 */
public final class CrlfInputStream extends FilterInputStream {
    private final boolean replaceNul;
    private boolean lastWasCr;
    private boolean pendingLf;
    /** Bytes read from below and not yet passed on. */
    private byte[] buf;
    private int bufPos;
    private int bufLen;

    public CrlfInputStream(InputStream in) {
        this(in, false);
    }

    public CrlfInputStream(InputStream in, boolean replaceNul) {
        super(in);
        this.replaceNul = replaceNul;
    }

    /** A stream of exactly the bytes of {@code span} in {@code file}, line ends as IMAP sends them. */
    public static InputStream of(java.nio.file.Path file, Span span) throws IOException {
        return of(file, span, false);
    }

    /** As {@link #of(java.nio.file.Path, Span)}, NUL bytes sent as 0x80 when {@code replaceNul}. */
    public static InputStream of(java.nio.file.Path file, Span span, boolean replaceNul) throws IOException {
        java.nio.channels.SeekableByteChannel ch = java.nio.file.Files.newByteChannel(file);
        try {
            ch.position(span.offset());
            InputStream raw = java.nio.channels.Channels.newInputStream(ch);
            return new CrlfInputStream(new BoundedInputStream(raw, span.rawSize()), replaceNul);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public int read() throws IOException {
        if (pendingLf) {
            pendingLf = false;
            lastWasCr = false;
            return '\n';
        }
        int c;
        if (bufPos < bufLen) {
            c = buf[bufPos++] & 0xff;
        } else {
            c = in.read();
        }
        if (c == '\n' && !lastWasCr) {
            pendingLf = true;
            lastWasCr = true;
            return '\r';
        }
        lastWasCr = c == '\r';
        return c == 0 && replaceNul ? 0x80 : c;
    }

    /** Reads a block from below and expands it: the per-byte path costs a call (and a lock) per byte. */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        if (pendingLf) {
            pendingLf = false;
            lastWasCr = false;
            b[off + n++] = '\n';
        }
        if (bufPos >= bufLen && n < len) {
            if (buf == null) {
                buf = new byte[8192];
            }
            int want = Math.min(buf.length, n == 0 ? len : in.available());
            int got = want <= 0 ? 0 : in.read(buf, 0, want);
            if (got < 0) {
                return n == 0 ? -1 : n;
            }
            bufPos = 0;
            bufLen = got;
        }
        while (n < len && bufPos < bufLen) {
            int c = buf[bufPos++] & 0xff;
            if (c == '\n' && !lastWasCr) {
                b[off + n++] = '\r';
                lastWasCr = true;
                if (n < len) {
                    b[off + n++] = '\n';
                    lastWasCr = false;
                } else {
                    pendingLf = true;
                }
                continue;
            }
            lastWasCr = c == '\r';
            b[off + n++] = (byte) (c == 0 && replaceNul ? 0x80 : c);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n && read() >= 0) {
            skipped++;
        }
        return skipped;
    }

    @Override
    public int available() {
        return (pendingLf ? 1 : 0) + (bufLen - bufPos);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Reads at most a given number of bytes from the stream below. */
    static final class BoundedInputStream extends FilterInputStream {
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int c = in.read();
            if (c >= 0) {
                left--;
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), left);
        }
    }
}
