package org.loftmail.core.mime;

/** A point in the raw message with the counters needed to measure spans between two points. */
record Position(long offset, long bareLineFeeds, long lineFeeds) {
    static final Position START = new Position(0, 0, 0);

    Span spanTo(Position end) {
        if (end.offset < offset) {
            return new Span(offset, 0, 0, 0);
        }
        long raw = end.offset - offset;
        return new Span(offset, raw, raw + end.bareLineFeeds - bareLineFeeds, end.lineFeeds - lineFeeds);
    }

    /** This position moved back over a line terminator (LF or CRLF) that ends just here. */
    Position before(LineEnd terminator) {
        return switch (terminator) {
            case NONE -> this;
            case LF -> new Position(offset - 1, bareLineFeeds - 1, lineFeeds - 1);
            case CRLF -> new Position(offset - 2, bareLineFeeds, lineFeeds - 1);
        };
    }

    Position max(Position other) {
        return other.offset > offset ? other : this;
    }

    enum LineEnd { NONE, LF, CRLF }
}
