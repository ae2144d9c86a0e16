package org.loftmail.smtp.codec;

import java.util.Arrays;

/**
 * SMTP input lines as the transport frames them for SMTP dialects: in LF-only mode, so a line keeps its CR when it
 * ended in CRLF and the DATA reader can tell {@code <CRLF>.<CRLF>} from a bare-LF dot. Commands accept either
 * ending, as before; these helpers take the CR off again.
 */
public final class InputLine {

    private InputLine() {}

    public static boolean endsWithCr(byte[] line) {
        return line.length > 0 && line[line.length - 1] == '\r';
    }

    /** The line without its trailing CR (the same array when there is none). */
    public static byte[] withoutCr(byte[] line) {
        return endsWithCr(line) ? Arrays.copyOf(line, line.length - 1) : line;
    }

    /** Length without the trailing CR: what the line length limit counts. */
    public static int contentLength(byte[] line) {
        return endsWithCr(line) ? line.length - 1 : line.length;
    }
}
