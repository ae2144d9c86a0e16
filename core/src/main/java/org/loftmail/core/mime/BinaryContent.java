package org.loftmail.core.mime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The content of an IMAP {@code BINARY[section-binary]} (RFC 3516, RFC 9051 section 6.4.5): the section with its
 * Content-Transfer-Encoding undone, streamed from the stored message in one forward pass.
 *
 * <p>A leaf part gives its decoded body. RFC 9051 says clients ask only for leaves; for the whole message
 * ({@code BINARY[]}), a multipart or a message/rfc822 part Loft answers as Dovecot 2.3 does: the entity as stored,
 * with every base64 or quoted-printable leaf inside it decoded and its Content-Transfer-Encoding field moved to the
 * end of its header as {@code binary}. 7bit and 8bit text go out with CRLF line ends (as in BODY[]); a body
 * declared {@code binary} goes out exactly as stored. An encoding Loft cannot decode fails the whole section.
 */
public final class BinaryContent {

    /** A header read into memory to rewrite its Content-Transfer-Encoding is cut at this size. */
    private static final int MAX_REWRITTEN_HEADER = 1 << 20;
    private static final byte[] CTE_BINARY = "Content-Transfer-Encoding: binary\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Opens the stored message from its first byte (as stored, line ends untouched). */
    @FunctionalInterface
    public interface Source {
        InputStream openPhysical() throws IOException;
    }

    /** The section names a part whose Content-Transfer-Encoding Loft cannot decode ({@code [UNKNOWN-CTE]}). */
    public static final class UnknownEncodingException extends Exception {
        public UnknownEncodingException(String encoding) {
            super("unknown Content-Transfer-Encoding " + encoding);
        }
    }

    /** Size and kind of the decoded section, what a FETCH must know before it sends the literal. */
    public record Measure(long size, boolean binary) {
        /** The compact form for the index cache: 8 bytes of size, one byte of flags. */
        public byte[] toBytes() {
            byte[] b = new byte[9];
            for (int i = 0; i < 8; i++) b[i] = (byte) (size >>> (56 - 8 * i));
            b[8] = (byte) (binary ? 1 : 0);
            return b;
        }

        public static Optional<Measure> fromBytes(byte[] b) {
            if (b.length != 9 || (b[8] & ~1) != 0) return Optional.empty();
            long size = 0;
            for (int i = 0; i < 8; i++) size = (size << 8) | (b[i] & 0xff);
            return size < 0 ? Optional.empty() : Optional.of(new Measure(size, b[8] == 1));
        }
    }

    private sealed interface Piece {
        long offset();
    }

    /** Stored bytes copied, with CRLF line ends unless the body is declared binary. */
    private record Raw(Span span, boolean crlf) implements Piece {
        public long offset() {
            return span.offset();
        }
    }

    /** A header rewritten in memory; {@code span} is what it replaces in the file. */
    private record Rewritten(Span span, byte[] bytes) implements Piece {
        public long offset() {
            return span.offset();
        }
    }

    /** A body whose transfer encoding is undone. */
    private record Decoded(Span span, String encoding) implements Piece {
        public long offset() {
            return span.offset();
        }
    }

    private final Source source;
    private final List<Piece> pieces;

    private BinaryContent(Source source, List<Piece> pieces) {
        this.source = source;
        this.pieces = List.copyOf(pieces);
    }

    /**
     * The content of {@code BINARY[part]} ({@code part} empty for the whole message), or empty when the section does
     * not exist. Part numbers resolve as in {@link SectionLocator}: each picks a child of a multipart, a message/rfc822
     * part leads into the message it carries, and a single part is its own part 1.
     */
    public static Optional<BinaryContent> of(MessageSummary message, List<Integer> part, Source source)
            throws IOException, UnknownEncodingException {
        Builder b = new Builder(source, message);
        if (part.isEmpty()) {
            b.entity(message.root());
            return Optional.of(b.build());
        }
        Optional<BodyPart> p = locate(message.root(), part);
        if (p.isEmpty()) return Optional.empty();
        b.body(p.get());
        return Optional.of(b.build());
    }

    private static Optional<BodyPart> locate(BodyPart root, List<Integer> numbers) {
        BodyPart part = root;
        for (int i = 0; i < numbers.size(); i++) {
            int n = numbers.get(i);
            boolean more = i + 1 < numbers.size();
            if (part.isMultipart()) {
                if (n < 1 || n > part.children().size()) return Optional.empty();
                part = part.children().get(n - 1);
            } else if (n != 1 || (more && part.message() == null)) {
                return Optional.empty();
            }
            if (more && part.message() != null) part = part.message().root();
        }
        return Optional.of(part);
    }

    /** Decodes the section once to learn its size and whether it must go as a literal8. */
    public Measure measure() throws IOException {
        long size = 0;
        boolean nul = false;
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = open()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                size += n;
                if (!nul) {
                    for (int i = 0; i < n; i++) {
                        if (buf[i] == 0) {
                            nul = true;
                            break;
                        }
                    }
                }
            }
        }
        return new Measure(size, nul || decodes());
    }

    /**
     * Whether a base64 or quoted-printable body was decoded: Dovecot then answers with a literal8 even when no NUL
     * came out, and so does Loft.
     */
    public boolean decodes() {
        return pieces.stream().anyMatch(p -> p instanceof Decoded);
    }

    /** The decoded bytes, read from one pass over the stored file. */
    public InputStream open() throws IOException {
        return new PieceStream(source.openPhysical(), pieces);
    }

    private static final class Builder {
        private final Source source;
        private final List<Piece> pieces = new ArrayList<>();
        /** The root entities of the message and of the messages its message/rfc822 parts carry. */
        private final Set<BodyPart> messageRoots = Collections.newSetFromMap(new IdentityHashMap<>());

        Builder(Source source, MessageSummary message) {
            this.source = source;
            addRoots(message);
        }

        private void addRoots(MessageSummary m) {
            messageRoots.add(m.root());
            addCarried(m.root());
        }

        private void addCarried(BodyPart p) {
            if (p.message() != null) addRoots(p.message());
            for (BodyPart c : p.children()) addCarried(c);
        }

        /**
         * The part's transfer encoding. The MIME layer, as Dovecot's BODYSTRUCTURE, ignores Content-* fields of a
         * message header without MIME-Version; Dovecot's BINARY still decodes by them, so a leaf message is looked at
         * again here.
         */
        private String encoding(BodyPart p) throws IOException {
            String e = p.fields().encodingLower().trim();
            if (e.equals("7bit") && messageRoots.contains(p) && !p.isMultipart() && p.message() == null) {
                String field = HeaderRewrite.encodingField(readHeader(p.header()));
                if (field != null) e = field;
            }
            return e;
        }

        private byte[] readHeader(Span header) throws IOException {
            try (InputStream in = new PieceStream(source.openPhysical(), List.of(new Raw(header, true)))) {
                return in.readNBytes(MAX_REWRITTEN_HEADER);
            }
        }

        BinaryContent build() {
            return new BinaryContent(source, pieces);
        }

        /** Header and body of an entity. */
        void entity(BodyPart p) throws IOException, UnknownEncodingException {
            if (!p.isMultipart() && p.message() == null && isDecoded(encoding(p))) {
                pieces.add(new Rewritten(p.header(), HeaderRewrite.withBinaryEncoding(readHeader(p.header()))));
            } else {
                raw(p.header(), true);
            }
            body(p);
        }

        /** The body of an entity, its own decoded leaves decoded. */
        void body(BodyPart p) throws IOException, UnknownEncodingException {
            if (p.isMultipart()) {
                long cursor = p.body().offset();
                for (BodyPart child : p.children()) {
                    long start = child.header().offset();
                    if (start > cursor) raw(between(cursor, start), true);
                    entity(child);
                    cursor = Math.max(cursor, child.body().end());
                }
                if (p.body().end() > cursor) raw(between(cursor, p.body().end()), true);
                return;
            }
            if (p.message() != null) {
                entity(p.message().root());
                long end = p.message().root().body().end();
                if (p.body().end() > end) raw(between(end, p.body().end()), true);
                return;
            }
            String e = encoding(p);
            switch (e) {
                case "base64", "quoted-printable" -> pieces.add(new Decoded(p.body(), e));
                case "binary" -> raw(p.body(), false);
                case "7bit", "8bit", "" -> raw(p.body(), true);
                default -> throw new UnknownEncodingException(e);
            }
        }

        private void raw(Span s, boolean crlf) {
            if (s.rawSize() > 0) pieces.add(new Raw(s, crlf));
        }

        /** A raw range between two pieces; its CRLF size is only known once read, so it is left to the stream. */
        private static Span between(long from, long to) {
            return new Span(from, to - from, to - from, 0);
        }

        private static boolean isDecoded(String encoding) {
            return encoding.equals("base64") || encoding.equals("quoted-printable");
        }
    }

    /** Moving the Content-Transfer-Encoding field, apart so it can be tested on its own. */
    static final class HeaderRewrite {
        private HeaderRewrite() {}

        static byte[] withBinaryEncoding(byte[] header) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(header.length + CTE_BINARY.length);
            int end = header.length;
            // the blank line that ends the header stays last
            int bodyStart = end;
            if (end >= 4 && header[end - 4] == '\r' && header[end - 3] == '\n' && header[end - 2] == '\r' && header[end - 1] == '\n') {
                bodyStart = end - 2;
            } else if (end == 2 && header[0] == '\r' && header[1] == '\n') {
                bodyStart = 0;
            }
            boolean dropping = false;
            int i = 0;
            while (i < bodyStart) {
                int lf = i;
                while (lf < bodyStart && header[lf] != '\n') lf++;
                int next = Math.min(lf + 1, bodyStart);
                boolean continuation = header[i] == ' ' || header[i] == '\t';
                if (!continuation) dropping = isEncodingField(header, i, next);
                if (!dropping) out.write(header, i, next - i);
                i = next;
            }
            byte[] kept = out.toByteArray();
            if (kept.length > 0 && kept[kept.length - 1] != '\n') out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(CTE_BINARY);
            out.write(header, bodyStart, end - bodyStart);
            return out.toByteArray();
        }

        /** The value of the header's Content-Transfer-Encoding field in lower case (its first word), or null. */
        static String encodingField(byte[] header) {
            String text = new String(header, StandardCharsets.ISO_8859_1);
            String[] lines = text.split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isEmpty()) break;
                byte[] line = lines[i].getBytes(StandardCharsets.ISO_8859_1);
                if (!isEncodingField(line, 0, line.length)) continue;
                StringBuilder value = new StringBuilder(lines[i].substring(lines[i].indexOf(':') + 1));
                while (i + 1 < lines.length && !lines[i + 1].isEmpty()
                        && (lines[i + 1].charAt(0) == ' ' || lines[i + 1].charAt(0) == '\t')) {
                    value.append(' ').append(lines[++i]);
                }
                String v = value.toString().trim().toLowerCase(Locale.ROOT);
                int end = 0;
                while (end < v.length() && " \t;(".indexOf(v.charAt(end)) < 0) end++;
                return v.substring(0, end);
            }
            return null;
        }

        private static boolean isEncodingField(byte[] h, int from, int to) {
            String name = "content-transfer-encoding";
            int i = from;
            for (int k = 0; k < name.length(); k++, i++) {
                if (i >= to || Character.toLowerCase((char) (h[i] & 0xff)) != name.charAt(k)) return false;
            }
            while (i < to && (h[i] == ' ' || h[i] == '\t')) i++;
            return i < to && h[i] == ':';
        }
    }

    /** Reads the pieces in order from one stream over the stored file. */
    private static final class PieceStream extends InputStream {
        private final InputStream file;
        private final List<Piece> pieces;
        private long position;
        private int next;
        private InputStream current;

        PieceStream(InputStream file, List<Piece> pieces) {
            this.file = file;
            this.pieces = pieces;
        }

        private boolean advance() throws IOException {
            while (current == null) {
                if (next >= pieces.size()) return false;
                Piece p = pieces.get(next++);
                if (p.offset() < position) throw new IOException("section pieces out of order");
                file.skipNBytes(p.offset() - position);
                position = p.offset();
                current = switch (p) {
                    case Raw r -> {
                        InputStream bounded = slice(r.span());
                        yield r.crlf() ? new CrlfInputStream(bounded) : bounded;
                    }
                    case Rewritten w -> {
                        file.skipNBytes(w.span().rawSize());
                        position += w.span().rawSize();
                        yield new java.io.ByteArrayInputStream(w.bytes());
                    }
                    case Decoded d -> TransferDecoding.decode(new CrlfInputStream(slice(d.span())), d.encoding());
                };
            }
            return true;
        }

        /** The next {@code span.rawSize()} bytes of the file; the position moves as they are read. */
        private InputStream slice(Span span) {
            return new InputStream() {
                private long left = span.rawSize();

                @Override
                public int read() throws IOException {
                    if (left <= 0) return -1;
                    int c = file.read();
                    if (c < 0) {
                        left = 0;
                        return -1;
                    }
                    left--;
                    position++;
                    return c;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (left <= 0) return -1;
                    int n = file.read(b, off, (int) Math.min(len, left));
                    if (n < 0) {
                        left = 0;
                        return -1;
                    }
                    left -= n;
                    position += n;
                    return n;
                }

                @Override
                public int available() throws IOException {
                    return (int) Math.min(file.available(), left);
                }

                @Override
                public void close() throws IOException {
                    // a decoder may stop before the end (base64 padding): skip the rest of the slice
                    if (left > 0) {
                        file.skipNBytes(left);
                        position += left;
                        left = 0;
                    }
                }
            };
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
            while (advance()) {
                int n = current.read(b, off, len);
                if (n > 0) return n;
                current.close();
                current = null;
            }
            return -1;
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
