package org.loftmail.core.mime;

/**
 * A byte range of the raw stored message, with its size and line count as IMAP sees them.
 *
 * @param offset  where the range starts in the raw file
 * @param rawSize how many bytes of the raw file it covers
 * @param size    its size once every bare LF is sent as CRLF (what RFC822.SIZE, BODYSTRUCTURE and literals count)
 * @param lines   how many LF it contains
 */
public record Span(long offset, long rawSize, long size, long lines) {
    public static final Span EMPTY = new Span(0, 0, 0, 0);

    public Span {
        if (offset < 0 || rawSize < 0 || size < rawSize || lines < 0) {
            throw new IllegalArgumentException("bad span " + offset + "/" + rawSize + "/" + size + "/" + lines);
        }
    }

    /** Where the range ends in the raw file (exclusive). */
    public long end() {
        return offset + rawSize;
    }
}
