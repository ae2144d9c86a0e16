package org.loftmail.smtp.codec;

import java.util.Arrays;

/**
 * Reads the lines of a DATA body (RFC 5321 section 4.5.2): finds the end of the data and removes the dots the
 * sender added. It is fed lines as the transport frames them in LF-only mode, so each line still carries its CR
 * when it ended in CRLF.
 *
 * <p>Only {@code <CRLF>.<CRLF>} ends the data: the dot line must end in CRLF and so must the line before it (the
 * DATA command's line counts as such). A lone dot after or before a bare LF is ordinary content. Ending the data
 * at {@code <LF>.<LF>} or {@code <CRLF>.<LF>} as well is what SMTP smuggling exploits: a relay that forwards such a
 * sequence inside one message would make Loft end the message early and run the rest as commands.
 */
public final class DataReader {

    private boolean afterCrlf = true;

    /** The result of one line: the end of data, or content to store (without its line ending). */
    public sealed interface Line {
        /** The end-of-data line. */
        record End() implements Line {}

        /** A content line, dot-unstuffed, without CR or LF. */
        record Content(byte[] bytes, int offset, int length) implements Line {
            public byte[] copy() {
                return Arrays.copyOfRange(bytes, offset, offset + length);
            }
        }
    }

    private static final Line.End END = new Line.End();

    /** {@code line}: the bytes up to (not including) the LF, with the CR when there was one. */
    public Line read(byte[] line) {
        boolean crlf = InputLine.endsWithCr(line);
        int length = crlf ? line.length - 1 : line.length;
        boolean dotOnly = length == 1 && line[0] == '.';
        if (dotOnly && crlf && afterCrlf) {
            afterCrlf = true;
            return END;
        }
        afterCrlf = crlf;
        // "If the first character is a period and there are other characters on the line, the first character
        // is deleted": a lone dot that does not end the data stays a dot.
        int skip = length > 1 && line[0] == '.' ? 1 : 0;
        return new Line.Content(line, skip, length - skip);
    }
}
