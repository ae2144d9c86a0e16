package org.loftmail.core.mime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a raw message line by line, keeping at most a caller-chosen prefix of each line (so a 100 MB body with no
 * line breaks costs one buffer), and counting offsets, line feeds and bare line feeds as it goes.
 * It always holds one current line: the parser looks at it and decides whether to consume it.
 */
final class LineReader {
    private final InputStream in;
    private final byte[] buf;
    private int bufPos;
    private int bufLimit;
    private boolean inputDone;

    private byte[] kept = new byte[256];
    private int keptLength;
    private long lineLength;
    private boolean atEof;
    private Position.LineEnd lineEnd = Position.LineEnd.NONE;
    private Position.LineEnd previousLineEnd = Position.LineEnd.NONE;
    private long startOffset;
    private long startBareLineFeeds;
    private long startLineFeeds;
    private long offset;
    private long lineFeeds;
    private long bareLineFeeds;

    LineReader(InputStream in) {
        this.in = in;
        int hint = 0;
        try {
            hint = in.available();
        } catch (IOException e) {
            // no hint: use the full buffer
        }
        // a small message in memory does not need a 64 KB buffer
        this.buf = new byte[hint > 0 && hint < 64 * 1024 ? Math.max(hint + 1, 512) : 64 * 1024];
    }

    /** Loads the next line, keeping at most {@code keep} of its bytes. Returns false at the end of input. */
    boolean advance(int keep) throws IOException {
        previousLineEnd = lineEnd;
        startOffset = offset;
        startBareLineFeeds = bareLineFeeds;
        startLineFeeds = lineFeeds;
        keptLength = 0;
        lineLength = 0;
        lineEnd = Position.LineEnd.NONE;
        boolean lastWasCr = false;
        while (true) {
            if (bufPos == bufLimit && !fill()) {
                break;
            }
            int end = indexOfLf(bufPos, bufLimit);
            int stop = end < 0 ? bufLimit : end + 1;
            int n = stop - bufPos;
            int copy = Math.min(n, keep - keptLength);
            if (copy > 0) {
                if (keptLength + copy > kept.length) {
                    kept = Arrays.copyOf(kept, Math.max(kept.length * 2, keptLength + copy));
                }
                System.arraycopy(buf, bufPos, kept, keptLength, copy);
                keptLength += copy;
            }
            lineLength += n;
            if (end >= 0) {
                boolean cr = end > bufPos ? buf[end - 1] == '\r' : lastWasCr;
                lineEnd = cr ? Position.LineEnd.CRLF : Position.LineEnd.LF;
                bufPos = stop;
                break;
            }
            lastWasCr = buf[stop - 1] == '\r';
            bufPos = stop;
        }
        offset += lineLength;
        if (lineEnd != Position.LineEnd.NONE) {
            lineFeeds++;
            if (lineEnd == Position.LineEnd.LF) {
                bareLineFeeds++;
            }
        }
        atEof = lineLength == 0;
        return !atEof;
    }

    private int indexOfLf(int from, int to) {
        byte[] b = buf;
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private boolean fill() throws IOException {
        if (inputDone) {
            return false;
        }
        int n = in.read(buf, 0, buf.length);
        while (n == 0) {
            n = in.read(buf, 0, buf.length);
        }
        if (n < 0) {
            inputDone = true;
            bufPos = bufLimit = 0;
            return false;
        }
        bufPos = 0;
        bufLimit = n;
        return true;
    }

    boolean atEof() {
        return atEof;
    }

    /** Where the current line starts. */
    Position lineStart() {
        return new Position(startOffset, startBareLineFeeds, startLineFeeds);
    }

    /** Where the current line ends (after its terminator): the position once it is consumed. */
    Position lineEndPosition() {
        return new Position(offset, bareLineFeeds, lineFeeds);
    }

    /** The end of the content before the line break that precedes the current line. */
    Position beforePreviousLineBreak() {
        return lineStart().before(previousLineEnd);
    }

    byte[] kept() {
        return kept;
    }

    /** How many bytes of the line are kept, terminator included if it was kept. */
    int keptLength() {
        return keptLength;
    }

    /** Whether the kept bytes are the whole line. */
    boolean wholeLineKept() {
        return keptLength == lineLength;
    }

    /** The kept bytes without the line terminator. */
    int contentLength() {
        int n = keptLength;
        if (wholeLineKept()) {
            n -= switch (lineEnd) {
                case NONE -> 0;
                case LF -> 1;
                case CRLF -> 2;
            };
        }
        return n;
    }

    boolean isBlank() {
        return lineLength == 1 && lineEnd == Position.LineEnd.LF || lineLength == 2 && lineEnd == Position.LineEnd.CRLF;
    }

    Position.LineEnd lineEnd() {
        return lineEnd;
    }
}
