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
    private static final String NUL_REPLACEMENT = "\u00ef\u00bf\u00bd";

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
                lastUnclampedEnd = r.beforePreviousLineBreak();
                headerEnd = headerStart.max(lastUnclampedEnd);
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

        if (blankLineSeen) {
            int keep = bodyKeep;
            if (carriesMessage) {
                keep = HEADER_LINE_KEEP;
            } else if (boundary != null) {
                keep = Math.max(keep, boundary.length() + 4);
            }
            r.advance(keep);
        }
        Position bodyStart = headerEnd;
        List<MimePart> children = List.of();
        MimePart message = null;
        Position bodyEnd;
        if (!blankLineSeen) {
            bodyEnd = lastEnd = bodyStart;
        } else if (boundary != null && nestable) {
            children = new ArrayList<>();
            bodyEnd = multipartBody(depth, boundary, mime.subtype().equalsIgnoreCase("digest"), headerStart, children);
        } else if (carriesMessage) {
            message = entity(depth + 1, false, false);
            if (headerCutAtBoundary && message.headerSpan().rawSize() == 0) {
                // nothing before the boundary: the line break before it (our blank line) belongs to it
                bodyEnd = headerStart.max(lastUnclampedEnd);
                message = null;
            } else if (headerCutAtBoundary) {
                // Dovecot: when the carried message's header ran into the boundary, the line break before the
                // boundary stays in the message/rfc822 part (though not in the carried header)
                bodyEnd = r.lineStart();
            } else {
                bodyEnd = bodyStart.max(lastEnd);
            }
        } else {
            bodyEnd = skipToBoundary(headerStart);
        }
        if (bodyEnd.offset() < bodyStart.offset()) {
            // the line break before a boundary belongs to it, even when it is the header's blank line
            headerEnd = bodyEnd;
            bodyStart = bodyEnd;
        }
        Span headerSpan = headerStart.spanTo(headerEnd);
        headerCutAtBoundary = cut;
        if (message == null && mime.isMessageRfc822()) {
            // Dovecot always describes a carried message, even an absent one: an empty header and body
            Span empty = bodyStart.spanTo(bodyStart);
            message = new MimePart(MimeHeader.EMPTY, empty, empty, MimeFields.of(MimeHeader.EMPTY), List.of(), null);
        }
        return new MimePart(header, headerSpan, bodyStart.spanTo(bodyEnd), mime, children, message);
    }

    /** Whether the header of the entity returned last ended at a boundary line rather than at a blank line. */
    private boolean headerCutAtBoundary;

    /** Where the line break before the boundary that ended the last header starts (may precede that header). */
    private Position lastUnclampedEnd = Position.START;

    /** Where the entity parsed last ended (its body end). */
    private Position lastEnd = Position.START;

    /** Skips body lines up to a boundary of an open multipart or the end; returns where the body ends. */
    private Position skipToBoundary(Position floor) throws IOException {
        LineReader r = reader;
        while (!r.atEof()) {
            if (!boundaries.isEmpty() && matchBoundary() >= 0) {
                return lastEnd = floor.max(r.beforePreviousLineBreak());
            }
            r.advance(bodyKeep);
        }
        return lastEnd = floor.max(r.lineStart());
    }

    /**
     * Reads a multipart body: preamble, parts, close delimiter, epilogue. The close delimiter's own line break
     * stays in the multipart; only an epilogue's last line break goes to the next outer boundary.
     */
    private Position multipartBody(int depth, String boundary, boolean digest, Position floor,
                                   List<MimePart> children) throws IOException {
        LineReader r = reader;
        byte[] marker = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        boundaries.add(marker);
        int mine = boundaries.size() - 1;
        int savedKeep = bodyKeep;
        bodyKeep = Math.max(bodyKeep, marker.length + 2);
        boolean open = true;
        try {
            while (true) {
                if (r.atEof()) {
                    return lastEnd = floor.max(r.lineStart());
                }
                int match = boundaries.isEmpty() ? -1 : matchBoundary();
                if (match < 0) {
                    r.advance(bodyKeep);
                    continue;
                }
                if (open && match == mine) {
                    if (isCloseDelimiter(marker)) {
                        boundaries.remove(mine);
                        open = false;
                        floor = r.lineEndPosition();
                        r.advance(bodyKeep);
                        continue;
                    }
                    if (r.lineEnd() == Position.LineEnd.NONE) {
                        // a boundary that ends the file without a line break ends the part but opens none
                        r.advance(bodyKeep);
                        continue;
                    }
                    r.advance(HEADER_LINE_KEEP);
                    if (partCount >= MAX_PARTS) {
                        continue;
                    }
                    children.add(entity(depth + 1, digest, true));
                    continue;
                }
                return lastEnd = floor.max(r.beforePreviousLineBreak());
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
        private final StringBuilder current = new StringBuilder();
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
                current.append('\n');
                appendBytes(b, len);
                return;
            }
            finish();
            if (continuation) {
                return; // folded line of a line that was no field
            }
            appendBytes(b, len);
            nameEnd = current.indexOf(":");
            if (nameEnd < 0) {
                // a line without a colon is no field (Dovecot ignores it, and so do its folded lines)
                current.setLength(0);
            }
        }

        private void appendBytes(byte[] b, int len) {
            for (int i = 0; i < len; i++) {
                if (b[i] == 0) {
                    current.append(NUL_REPLACEMENT); // as Dovecot: NUL in a header becomes U+FFFD
                } else {
                    current.append((char) (b[i] & 0xff));
                }
            }
        }

        void finish() {
            if (nameEnd < 0) {
                return;
            }
            int end = nameEnd;
            while (end > 0 && (current.charAt(end - 1) == ' ' || current.charAt(end - 1) == '\t')) {
                end--;
            }
            String name = current.substring(0, end);
            int v = Math.min(nameEnd + 1, current.length());
            while (v < current.length() && (current.charAt(v) == ' ' || current.charAt(v) == '\t')) {
                v++;
            }
            fields.add(new HeaderField(name, current.substring(v)));
            current.setLength(0);
            nameEnd = -1;
        }
    }
}
