package org.loftmail.core.mime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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

    private final Source source;
    private final List<PieceStream.Piece> pieces;

    private BinaryContent(Source source, List<PieceStream.Piece> pieces) {
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
        PieceWalker w = new PieceWalker(message, source, DECODE, true);
        if (part.isEmpty()) {
            w.entity(message.root());
        } else {
            Optional<BodyPart> p = locate(message.root(), part);
            if (p.isEmpty()) return Optional.empty();
            w.body(p.get());
        }
        return Optional.of(new BinaryContent(source, w.pieces()));
    }

    /**
     * BINARY's rule: base64 and quoted-printable leaves are decoded, their encoding field moved to the end of the
     * header as {@code binary}; 7bit and 8bit go out with CRLF line ends as in BODY[]; a body declared binary goes
     * exactly as stored; any other encoding fails.
     */
    private static final PieceWalker.LeafRule DECODE = new PieceWalker.LeafRule() {
        @Override
        public byte[] header(String encoding, PieceWalker.HeaderBytes current) throws IOException {
            return isDecoded(encoding) ? HeaderRewrite.withBinaryEncoding(current.read()) : null;
        }

        @Override
        public PieceStream.Piece body(BodyPart leaf, String encoding) throws UnknownEncodingException {
            return switch (encoding) {
                case "base64", "quoted-printable" -> new PieceStream.Decoded(leaf.body(), encoding);
                case "binary" -> new PieceStream.Raw(leaf.body(), false);
                case "7bit", "8bit", "" -> new PieceStream.Raw(leaf.body(), true);
                default -> throw new UnknownEncodingException(encoding);
            };
        }
    };

    private static boolean isDecoded(String encoding) {
        return encoding.equals("base64") || encoding.equals("quoted-printable");
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
        return pieces.stream().anyMatch(p -> p instanceof PieceStream.Decoded);
    }

    /** The decoded bytes, read from one pass over the stored file. */
    public InputStream open() throws IOException {
        return new PieceStream(source.openPhysical(), pieces);
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

        /**
         * The header with its Content-Transfer-Encoding field (continuation lines included) replaced where it stands
         * by {@code Content-Transfer-Encoding: value}, the line end kept.
         */
        static byte[] withEncodingInPlace(byte[] header, String value) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(header.length + 16);
            boolean dropping = false;
            boolean replaced = false;
            int i = 0;
            while (i < header.length) {
                int lf = i;
                while (lf < header.length && header[lf] != '\n') lf++;
                int next = Math.min(lf + 1, header.length);
                boolean continuation = header[i] == ' ' || header[i] == '\t';
                if (!continuation) {
                    dropping = !replaced && isEncodingField(header, i, next);
                    if (dropping) {
                        replaced = true;
                        boolean crlf = lf > i && lf < header.length && header[lf - 1] == '\r';
                        out.writeBytes(("Content-Transfer-Encoding: " + value + (crlf ? "\r\n" : "\n"))
                                .getBytes(StandardCharsets.US_ASCII));
                    }
                }
                if (!dropping) out.write(header, i, next - i);
                i = next;
            }
            return out.toByteArray();
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
}
