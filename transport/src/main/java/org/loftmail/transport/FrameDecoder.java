package org.loftmail.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.function.Consumer;

/**
 * Splits input into lines (CRLF or bare LF; LF only for the auth protocol) and, on request, raw byte runs. Lives
 * on the event loop. Memory is bounded: a line longer than the limit is discarded as it arrives, and while the
 * decoder is paused the caller stops reading from the socket.
 */
final class FrameDecoder {

    static final int RAW_CHUNK = 64 * 1024;

    private final ByteBuf buffer;
    private final Consumer<InputItem> sink;
    private final LinePauser pauser;
    private final boolean lfOnly;
    private volatile int maxLineLength;
    private long rawRemaining;
    private boolean discarding;
    private boolean paused;

    FrameDecoder(ByteBufAllocator alloc, Consumer<InputItem> sink, LinePauser pauser, boolean lfOnly, int maxLine) {
        this.buffer = alloc.buffer(1024);
        this.sink = sink;
        this.pauser = pauser;
        this.lfOnly = lfOnly;
        this.maxLineLength = maxLine;
    }

    void setMaxLineLength(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("line length must be positive");
        }
        this.maxLineLength = bytes;
    }

    /** Takes ownership of {@code in}. */
    void feed(ByteBuf in) {
        try {
            buffer.writeBytes(in);
        } finally {
            in.release();
        }
        drain();
    }

    boolean isPaused() {
        return paused;
    }

    int buffered() {
        return buffer.readableBytes();
    }

    /** Goes on framing lines after a pause. */
    void resumeLines() {
        paused = false;
        drain();
    }

    /** Goes on with {@code count} raw bytes, then lines. */
    void resumeRaw(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("negative raw count");
        }
        paused = false;
        rawRemaining = count;
        if (count == 0) {
            sink.accept(new InputItem.Raw(new byte[0], true));
        }
        drain();
    }

    /** Forgets everything received but not yet framed (plaintext pipelined after STARTTLS), and goes on. */
    void discardBufferedAndResume() {
        buffer.clear();
        paused = false;
    }

    void release() {
        if (buffer.refCnt() > 0) {
            buffer.release();
        }
    }

    private void drain() {
        while (!paused && buffer.isReadable()) {
            if (rawRemaining > 0) {
                int n = (int) Math.min(Math.min(rawRemaining, buffer.readableBytes()), RAW_CHUNK);
                byte[] chunk = new byte[n];
                buffer.readBytes(chunk);
                rawRemaining -= n;
                sink.accept(new InputItem.Raw(chunk, rawRemaining == 0));
                continue;
            }
            int lf = buffer.indexOf(buffer.readerIndex(), buffer.writerIndex(), (byte) '\n');
            if (discarding) {
                if (lf < 0) {
                    buffer.clear();
                    break;
                }
                buffer.readerIndex(lf + 1);
                discarding = false;
                continue;
            }
            if (lf < 0) {
                if (buffer.readableBytes() > maxLineLength + 1) {
                    // Too long already: drop it as it comes and tell the session once.
                    buffer.clear();
                    discarding = true;
                    sink.accept(new InputItem.TooLong());
                }
                break;
            }
            int end = lf;
            if (!lfOnly && end > buffer.readerIndex() && buffer.getByte(end - 1) == '\r') {
                end--;
            }
            int length = end - buffer.readerIndex();
            if (length > maxLineLength) {
                buffer.readerIndex(lf + 1);
                sink.accept(new InputItem.TooLong());
                continue;
            }
            byte[] line = new byte[length];
            buffer.readBytes(line);
            buffer.readerIndex(lf + 1);
            boolean pause = pauser.pauseAfter(line);
            paused = pause;
            sink.accept(new InputItem.Line(line, pause));
        }
        buffer.discardSomeReadBytes();
    }
}
