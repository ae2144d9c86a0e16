package org.loftmail.mbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads an mbox line by line from a position of a channel, streaming (a 1 GB file is never held in memory): each
 * line's offset, its length with the LF, whether it ends with CR LF, and its first {@link #KEEP} bytes (enough to
 * recognise a {@code From } line or a header name; longer header lines are collected whole by the caller).
 */
final class LineReader {

    static final int KEEP = 8192;

    private final FileChannel channel;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    private long bufStart;
    private final long limit;

    /** The last line read. */
    long start;
    int kept;
    long length;
    boolean endsWithLf;
    boolean endsWithCrLf;
    final byte[] line = new byte[KEEP];

    LineReader(FileChannel channel, long from, long limit) {
        this.channel = channel;
        this.bufStart = from;
        this.limit = limit;
        buf.limit(0);
    }

    /** The offset of the next line. */
    long position() {
        return bufStart + buf.position();
    }

    /** Reads the next line; false at the end. */
    boolean next() throws IOException {
        start = position();
        kept = 0;
        length = 0;
        endsWithLf = false;
        endsWithCrLf = false;
        byte prev = 0;
        while (true) {
            if (!buf.hasRemaining() && !fill()) return length > 0;
            byte b = buf.get();
            length++;
            if (kept < KEEP) line[kept++] = b;
            if (b == '\n') {
                endsWithLf = true;
                endsWithCrLf = prev == '\r';
                return true;
            }
            prev = b;
        }
    }

    /** The kept bytes without the line end. */
    int contentLength() {
        int n = kept;
        if (endsWithLf && n == length) n--;
        if (endsWithCrLf && n == length - 1) n--;
        return n;
    }

    boolean isBlank() {
        return endsWithLf && (length == 1 || (length == 2 && endsWithCrLf));
    }

    /** Moves to {@code offset} (forward or back). */
    void seek(long offset) {
        bufStart = offset;
        buf.limit(0);
    }

    private boolean fill() throws IOException {
        bufStart += buf.position();
        buf.clear();
        long max = limit - bufStart;
        if (max <= 0) {
            buf.limit(0);
            return false;
        }
        if (max < buf.capacity()) buf.limit((int) max);
        int n;
        do {
            n = channel.read(buf, bufStart + buf.position());
        } while (n == 0);
        buf.flip();
        return n > 0;
    }
}
