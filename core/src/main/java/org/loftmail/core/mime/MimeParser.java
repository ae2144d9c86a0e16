package org.loftmail.core.mime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a raw stored message (LF or CRLF line ends) once, streaming: bodies are skipped line by line and only
 * headers and structure are kept. Follows what Dovecot 2.3's message parser does with malformed input: a boundary
 * is any line starting with {@code --boundary} of any open multipart (longest match wins), the line break before it
 * belongs to it, a header may end at a boundary without a blank line, a multipart without boundary or parts gets
 * an empty child when rendered, and nesting deeper than {@link #MAX_DEPTH} or past {@link #MAX_PARTS} parts is
 * treated as plain body. Never throws for bad input; only I/O errors propagate.
 */
public final class MimeParser {
    public static final int MAX_DEPTH = 100;
    public static final int MAX_PARTS = 10_000;
    /** Header bytes kept per part; the rest of a larger header is measured but its fields are dropped. */
    public static final int MAX_HEADER_BYTES = 1 << 20;
    private static final int HEADER_LINE_KEEP = 64 * 1024;

    private final LineReader reader;
    private final List<byte[]> boundaries = new ArrayList<>();
    private int bodyKeep;
    private int partCount;

    private MimeParser(InputStream in) {
        this.reader = new LineReader(in);
    }

    public static MimeMessage parse(InputStream in) throws IOException {
        MimeParser p = new MimeParser(in);
        p.reader.advance(HEADER_LINE_KEEP);
        return new MimeMessage(p.entity(0, false, false));
    }

    /**
     * The top-level header only, reading no further than the blank line that ends it: the same fields
     * {@link #parse} would give the root part, for work that needs nothing else (header SEARCH).
     */
    public static MimeHeader parseHeader(InputStream in) throws IOException {
        // the header's bytes first, so the parser sizes its buffer to them (not 64 KB per message)
        return parse(new HeaderBlockInputStream(in).readAllBytes()).root().header();
    }

    public static MimeMessage parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        }
    }

    public static MimeMessage parse(byte[] raw) {
        try {
            return parse(new java.io.ByteArrayInputStream(raw));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /*
     * Where things end at a boundary line (found by comparing with Dovecot 2.3): the line break just before the
     * boundary line belongs to the boundary. The entity that holds that line break gives it up: a body, preamble
     * or epilogue ends before it, and so do all enclosing entities; a header (its blank line, or its last line when
     * the header runs into the boundary) is cut before it, but the enclosing entities keep it and end at the
     * boundary line itself, as does a multipart whose close-delimiter line precedes the boundary.
     */

    /** Where the enclosing entities end, set by whichever scan met the boundary line or the end of input. */
    private Position ancestorsEnd = Position.START;

    /** The entity returned last had no header at all before a boundary: the line break is its parent's. */
    private boolean emptyBeforeBoundary;

    /** Parses one entity starting at the current line (which is read in header mode). */
    private MimePart entity(int depth, boolean digestChild, boolean inMultipart) throws IOException {
        partCount++;
        LineReader r = reader;
        Position headerStart = r.lineStart();
        List<HeaderField> fields = new ArrayList<>();
        HeaderBuilder hb = new HeaderBuilder(fields);
        Position headerEnd;
        boolean blankLineSeen = false;
        boolean cut = false;
        while (true) {
            if (r.atEof()) {
                headerEnd = r.lineStart();
                break;
            }
            if (r.isBlank()) {
                headerEnd = r.lineEndPosition();
                blankLineSeen = true;
                break;
            }
            if (!boundaries.isEmpty() && matchBoundary() >= 0) {
                headerEnd = r.lineStart();
                cut = true;
                break;
            }
            hb.line(r.kept(), r.contentLength(), r.wholeLineKept());
            r.advance(HEADER_LINE_KEEP);
        }
        hb.finish();
        MimeHeader header = new MimeHeader(fields);
        MimeFields mime = MimeFields.of(header, digestChild, inMultipart);
        boolean nestable = depth < MAX_DEPTH && partCount < MAX_PARTS;
        String boundary = mime.isMultipart() ? mime.boundary() : null;
        boolean carriesMessage = mime.isMessageRfc822() && nestable;

        emptyBeforeBoundary = false;
        Position bodyStart;
        Position bodyEnd;
        List<MimePart> children = List.of();
        MimePart message = null;
        if (cut) {
            // the header ran into a boundary: its last line break is the boundary's
            if (headerEnd.offset() == headerStart.offset()) {
                emptyBeforeBoundary = true;
            } else {
                headerEnd = headerStart.max(r.beforePreviousLineBreak());
            }
            ancestorsEnd = r.lineStart();
            bodyStart = bodyEnd = headerEnd;
        } else if (!blankLineSeen) {
            ancestorsEnd = headerEnd;
            bodyStart = bodyEnd = headerEnd;
        } else {
            int keep = bodyKeep;
            if (carriesMessage) {
                keep = HEADER_LINE_KEEP;
            } else if (boundary != null) {
                keep = Math.max(keep, boundary.length() + 4);
            }
            r.advance(keep);
            bodyStart = headerEnd;
            if (boundary != null && nestable) {
                children = new ArrayList<>();
                bodyEnd = multipartBody(depth, boundary, mime.subtype().equalsIgnoreCase("digest"), headerStart,
                        bodyStart, children);
            } else if (carriesMessage) {
                message = entity(depth + 1, false, false);
                if (emptyBeforeBoundary) {
                    // nothing carried before the boundary: the line break is our blank line
                    bodyEnd = headerStart.max(r.beforePreviousLineBreak());
                    message = null;
                    emptyBeforeBoundary = false;
                } else {
                    bodyEnd = ancestorsEnd;
                }
            } else {
                bodyEnd = skipToBoundary(headerStart, bodyStart);
            }
            if (bodyEnd.offset() < bodyStart.offset()) {
                headerEnd = bodyEnd;
                bodyStart = bodyEnd;
            }
        }
        if (message == null && mime.isMessageRfc822()) {
            // Dovecot always describes a carried message, even an absent one: an empty header and body
            Span empty = bodyStart.spanTo(bodyStart);
            message = new MimePart(MimeHeader.EMPTY, empty, empty, MimeFields.of(MimeHeader.EMPTY), List.of(), null);
        }
        return new MimePart(header, headerStart.spanTo(headerEnd), bodyStart.spanTo(bodyEnd), mime, children,
                message);
    }

    /** Skips body lines up to a boundary of an open multipart or the end; returns where the body ends. */
    private Position skipToBoundary(Position headerStart, Position bodyStart) throws IOException {
        LineReader r = reader;
        while (!r.atEof()) {
            if (!boundaries.isEmpty() && matchBoundary() >= 0) {
                return contentEndsAtBoundary(headerStart, bodyStart);
            }
            r.advance(bodyKeep);
        }
        return ancestorsEnd = r.lineStart();
    }

    /**
     * The current line is a boundary that ends content starting at {@code contentStart}: the content gives up the
     * line break before it, and so do the enclosing entities, unless the content is empty (then the line break
     * is the header's blank line, cut from the header, and the enclosing entities keep it).
     */
    private Position contentEndsAtBoundary(Position headerStart, Position contentStart) {
        Position e = reader.beforePreviousLineBreak();
        if (e.offset() >= contentStart.offset()) {
            return ancestorsEnd = e;
        }
        ancestorsEnd = reader.lineStart();
        return headerStart.max(e);
    }

    /** Reads a multipart body: preamble, parts, close delimiter, epilogue. */
    private Position multipartBody(int depth, String boundary, boolean digest, Position headerStart,
                                   Position bodyStart, List<MimePart> children) throws IOException {
        LineReader r = reader;
        byte[] marker = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        boundaries.add(marker);
        int mine = boundaries.size() - 1;
        int savedKeep = bodyKeep;
        bodyKeep = Math.max(bodyKeep, marker.length + 2);
        boolean open = true;
        boolean afterChild = false;
        Position epilogueStart = null;
        try {
            while (true) {
                if (r.atEof()) {
                    return ancestorsEnd = r.lineStart();
                }
                int match = boundaries.isEmpty() ? -1 : matchBoundary();
                if (match < 0) {
                    r.advance(bodyKeep);
                    afterChild = false;
                    continue;
                }
                if (open && match == mine) {
                    if (isCloseDelimiter(marker)) {
                        boundaries.remove(mine);
                        open = false;
                        epilogueStart = r.lineEndPosition();
                        r.advance(bodyKeep);
                        afterChild = false;
                        continue;
                    }
                    if (r.lineEnd() == Position.LineEnd.NONE) {
                        // a boundary that ends the file without a line break ends the part but opens none
                        r.advance(bodyKeep);
                        afterChild = false;
                        continue;
                    }
                    r.advance(HEADER_LINE_KEEP);
                    if (partCount >= MAX_PARTS) {
                        afterChild = false;
                        continue;
                    }
                    children.add(entity(depth + 1, digest, true));
                    emptyBeforeBoundary = false; // a line break before an empty part is our boundary line's
                    afterChild = true;
                    continue;
                }
                // a boundary of an enclosing multipart ends this one
                if (afterChild) {
                    return ancestorsEnd;
                }
                if (epilogueStart == null) {
                    return contentEndsAtBoundary(headerStart, bodyStart);
                }
                Position e = r.beforePreviousLineBreak();
                if (e.offset() >= epilogueStart.offset()) {
                    return ancestorsEnd = e;
                }
                // no epilogue: the close delimiter keeps its line break, and so do the enclosing entities
                return ancestorsEnd = r.lineStart();
            }
        } finally {
            if (open) {
                boundaries.remove(mine);
            }
            bodyKeep = savedKeep;
        }
    }

    /** Which open boundary the current line starts with (the longest), or -1. */
    private int matchBoundary() {
        byte[] line = reader.kept();
        int len = reader.keptLength();
        if (len < 2 || line[0] != '-' || line[1] != '-') {
            return -1;
        }
        int best = -1;
        int bestLen = -1;
        for (int i = boundaries.size() - 1; i >= 0; i--) {
            byte[] b = boundaries.get(i);
            if (b.length <= len && b.length > bestLen && startsWith(line, b)) {
                best = i;
                bestLen = b.length;
            }
        }
        return best;
    }

    private boolean isCloseDelimiter(byte[] marker) {
        byte[] line = reader.kept();
        int len = reader.keptLength();
        return len >= marker.length + 2 && line[marker.length] == '-' && line[marker.length + 1] == '-';
    }

    private static boolean startsWith(byte[] line, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (line[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Collects header lines into fields, joining continuation lines. */
    private static final class HeaderBuilder {
        private final List<HeaderField> fields;
        private final ByteBuilder current = new ByteBuilder(256);
        private int nameEnd = -1;
        private long keptBytes;

        HeaderBuilder(List<HeaderField> fields) {
            this.fields = fields;
        }

        void line(byte[] b, int len, boolean whole) {
            keptBytes += len;
            if (keptBytes > MAX_HEADER_BYTES) {
                return;
            }
            boolean continuation = len > 0 && (b[0] == ' ' || b[0] == '\t');
            if (continuation && nameEnd >= 0) {
                current.write('\n');
                append(b, len);
                return;
            }
            finish();
            if (continuation) {
                return; // folded line of a line that was no field
            }
            for (int i = 0; i < len; i++) {
                if (b[i] == ':') {
                    nameEnd = i;
                    break;
                }
            }
            if (nameEnd < 0) {
                return; // a line without a colon is no field (Dovecot ignores it, and so do its folded lines)
            }
            append(b, len);
        }

        private void append(byte[] b, int len) {
            current.write(b, 0, len);
        }

        void finish() {
            if (nameEnd < 0) {
                return;
            }
            int end = nameEnd;
            while (end > 0 && (current.at(end - 1) == ' ' || current.at(end - 1) == '\t')) {
                end--;
            }
            String name = current.latin1String(0, end);
            int v = Math.min(nameEnd + 1, current.length());
            while (v < current.length() && (current.at(v) == ' ' || current.at(v) == '\t')) {
                v++;
            }
            String value = current.latin1String(v, current.length());
            fields.add(new HeaderField(name, value));
            current.reset();
            nameEnd = -1;
        }
    }
}
