package org.loftmail.core.mime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A stored message reassembled from pieces in file order, in one forward pass over the file: ranges copied (with
 * CRLF line ends or as stored), headers replaced by rewritten bytes, bodies with their transfer encoding undone or
 * applied. What BINARY[] sends ({@link BinaryContent}) and what a literal8 APPEND saves ({@link BinaryPartEncoder}).
 */
final class PieceStream extends InputStream {

    private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);

    sealed interface Piece {
        long offset();
    }

    /** Stored bytes copied, with CRLF line ends or exactly as stored. */
    record Raw(Span span, boolean crlf) implements Piece {
        public long offset() {
            return span.offset();
        }
    }

    /** Bytes that replace a range of the file (a rewritten header). */
    record Rewritten(Span span, byte[] bytes) implements Piece {
        public long offset() {
            return span.offset();
        }
    }

    /** A body whose transfer encoding (base64, quoted-printable) is undone. */
    record Decoded(Span span, String encoding) implements Piece {
        public long offset() {
            return span.offset();
        }
    }

    /** A body encoded as base64 in lines of 76 characters, without a line end after the last. */
    record Base64Encoded(Span span) implements Piece {
        public long offset() {
            return span.offset();
        }
    }

    private final InputStream file;
    private final List<Piece> pieces;
    private long position;
    private int next;
    private InputStream current;

    PieceStream(InputStream file, List<Piece> pieces) {
        this.file = file;
        this.pieces = List.copyOf(pieces);
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
                    yield new ByteArrayInputStream(w.bytes());
                }
                case Decoded d -> TransferDecoding.decode(new CrlfInputStream(slice(d.span())), d.encoding());
                case Base64Encoded e -> new Base64Lines(slice(e.span()));
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

    /** Base64 in the shape MIME writers use: 57 bytes to a line of 76 characters, CRLF between lines. */
    private static final class Base64Lines extends InputStream {
        private final InputStream in;
        private final Base64.Encoder encoder = Base64.getEncoder();
        private byte[] line = new byte[0];
        private int pos;
        private boolean first = true;

        Base64Lines(InputStream in) {
            this.in = in;
        }

        private boolean fill() throws IOException {
            if (pos < line.length) return true;
            byte[] chunk = in.readNBytes(57);
            if (chunk.length == 0) return false;
            byte[] encoded = encoder.encode(chunk);
            line = first ? encoded : concat(CRLF, encoded);
            first = false;
            pos = 0;
            return true;
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] c = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, c, a.length, b.length);
            return c;
        }

        @Override
        public int read() throws IOException {
            return fill() ? line[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            if (!fill()) return -1;
            int n = Math.min(len, line.length - pos);
            System.arraycopy(line, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
