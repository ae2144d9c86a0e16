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
    private final byte[] chunk = new byte[16 * 1024];

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
        int c = in.read();
        if (c == '\n' && !lastWasCr) {
            pendingLf = true;
            lastWasCr = true;
            return '\r';
        }
        lastWasCr = c == '\r';
        return c == 0 && replaceNul ? 0x80 : c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int n = 0;
        if (pendingLf) {
            pendingLf = false;
            lastWasCr = false;
            b[off + n++] = '\n';
            if (n == len) {
                return n;
            }
        }
        // One read from below per call, no more than fits if every byte were a bare LF (asking the stream below
        // for available() per byte instead cost a system call per byte of every FETCH BODY[]).
        int want = Math.max(1, Math.min((len - n) / 2, chunk.length));
        int got = in.read(chunk, 0, want);
        if (got < 0) {
            return n == 0 ? -1 : n;
        }
        // A line at a time: the bytes up to the next LF are copied as a block (a byte-at-a-time loop here was a
        // top frame of FETCH BODY[] in profiles of the IMAP mixed load).
        int p = off + n;
        int i = 0;
        while (i < got) {
            int lf = LineFeeds.next(chunk, i, got);
            int run = lf - i;
            if (run > 0) {
                System.arraycopy(chunk, i, b, p, run);
                if (replaceNul) {
                    for (int k = p; k < p + run; k++) {
                        if (b[k] == 0) {
                            b[k] = (byte) 0x80;
                        }
                    }
                }
                p += run;
                lastWasCr = chunk[lf - 1] == '\r';
            }
            if (lf == got) {
                break;
            }
            if (!lastWasCr) {
                b[p++] = '\r';
                if (p == off + len) {
                    pendingLf = true; // only when one byte of room was left: this was the last byte read
                    lastWasCr = true;
                    break;
                }
            }
            b[p++] = '\n';
            lastWasCr = false;
            i = lf + 1;
        }
        n = p - off;
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
        return pendingLf ? 1 : 0;
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
