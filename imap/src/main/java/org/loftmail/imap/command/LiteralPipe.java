package org.loftmail.imap.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands literal data from the session (which receives it in pieces) to a storage save running on another virtual
 * thread, through a small bounded queue: at most a few pieces are in memory, and when storage is slower than the
 * client the session waits, which stops reading from the socket.
 */
final class LiteralPipe extends InputStream {

    private static final byte[] EOF = new byte[0];
    private static final byte[] ABORT = new byte[0];

    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(8);
    private volatile boolean readerGone;
    private byte[] current = new byte[0];
    private int pos;
    private boolean eof;

    /** Adds a piece; drops it when the reader stopped (a failed save). Never blocks forever. */
    void feed(byte[] chunk) throws InterruptedException {
        if (chunk.length == 0) return;
        offer(chunk);
    }

    void finish() throws InterruptedException {
        offer(EOF);
    }

    private void offer(byte[] item) throws InterruptedException {
        while (!readerGone) {
            if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) return;
        }
    }

    /** The client went away: the reader fails instead of saving a partial message. */
    void abort() {
        queue.clear();
        queue.offer(ABORT);
    }

    /** Called by the reader's side when it stops early. */
    void readerGone() {
        readerGone = true;
        queue.clear();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (pos >= current.length) {
            if (eof) return -1;
            try {
                current = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("append interrupted");
            }
            pos = 0;
            if (current == ABORT) {
                current = new byte[0];
                throw new IOException("the client went away in the middle of the message");
            }
            if (current == EOF) {
                eof = true;
                return -1;
            }
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }
}
