package org.loftmail.core.mime;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Streams that undo a Content-Transfer-Encoding (base64, quoted-printable; anything else passes through) and
 * turn a part's bytes into text with its charset, for SEARCH BODY/TEXT and BINARY[]. Lenient like the mail
 * readers people use (and Dovecot): base64 ends at its padding or at the first character it cannot hold (white
 * space is skipped), a missing padding is tolerated, a broken
 * quoted-printable escape is passed on as written, an unknown charset is read as UTF-8 with replacement.
 */
public final class TransferDecoding {
    private TransferDecoding() {}

    /** The decoded bytes of a body whose Content-Transfer-Encoding is {@code encoding}. */
    public static InputStream decode(InputStream raw, String encoding) {
        String e = encoding == null ? "" : encoding.trim().toLowerCase(Locale.ROOT);
        return switch (e) {
            case "base64" -> new Base64InputStream(raw);
            case "quoted-printable" -> new QuotedPrintableInputStream(raw);
            default -> raw;
        };
    }

    /** The body of a part as text: transfer encoding undone, charset applied (malformed input replaced). */
    public static Reader text(InputStream raw, MimeFields fields) {
        Charset cs = fields.isText() || fields.param("charset") != null ? Charsets.lookup(fields.param("charset")) : null;
        if (cs == null) {
            cs = StandardCharsets.UTF_8;
        }
        return new InputStreamReader(decode(raw, fields.encoding()), cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
    }

    /** Base64 decoding, streaming. */
    static final class Base64InputStream extends FilterInputStream {
        private final Base64Decoder decoder = new Base64Decoder();
        private final byte[] in = new byte[8192];
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream(8192);
        private byte[] out = new byte[0];
        private int outPos;
        private boolean eof;

        Base64InputStream(InputStream raw) {
            super(raw);
        }

        private boolean refill() throws IOException {
            while (outPos >= out.length) {
                if (eof) {
                    return false;
                }
                pending.reset();
                int n = super.in.read(in, 0, in.length);
                byte[] decoded = new byte[n < 0 ? 0 : n / 4 * 3 + 3];
                int end = 0;
                if (n < 0) {
                    eof = true;
                    decoder.finish(pending);
                } else {
                    for (int i = 0; i < n; i++) {
                        int c = in[i] & 0xFF;
                        if (c == '=' || !Base64Decoder.isAlphabet(c) && c != ' ' && c != '\t' && c != '\r'
                                && c != '\n') {
                            // as Dovecot: decoding ends at the padding or at the first character base64 cannot hold
                            eof = true;
                            decoder.finish(pending);
                            break;
                        }
                        end = decoder.accept(c, decoded, end);
                    }
                }
                if (pending.size() > 0) {
                    byte[] tail = pending.toByteArray();
                    decoded = java.util.Arrays.copyOf(decoded, end + tail.length);
                    System.arraycopy(tail, 0, decoded, end, tail.length);
                    end += tail.length;
                }
                out = end == decoded.length ? decoded : java.util.Arrays.copyOf(decoded, end);
                outPos = 0;
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            return refill() ? out[outPos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!refill()) {
                return -1;
            }
            int n = Math.min(len, out.length - outPos);
            System.arraycopy(out, outPos, b, off, n);
            outPos += n;
            return n;
        }

        @Override
        public int available() {
            return out.length - outPos;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = 0;
            while (skipped < n && read() >= 0) {
                skipped++;
            }
            return skipped;
        }
    }

    /**
     * Quoted-printable decoding, streaming; soft line breaks with LF or CRLF; white space at the end of a line is
     * dropped (RFC 2045 section 6.7 rule 3: it was added by transport), as Dovecot's decoder does.
     */
    static final class QuotedPrintableInputStream extends FilterInputStream {
        private final int[] queue = new int[1024];
        private int queued;
        private int queuePos;

        QuotedPrintableInputStream(InputStream raw) {
            super(new java.io.PushbackInputStream(raw, 2));
        }

        /** A run of spaces and tabs: dropped before a line break or the end, else passed on as written. */
        private int whiteSpace(int first) throws IOException {
            java.io.PushbackInputStream pin = (java.io.PushbackInputStream) in;
            queued = queuePos = 0;
            queue[queued++] = first;
            int x = pin.read();
            while ((x == ' ' || x == '\t') && queued < queue.length - 2) {
                queue[queued++] = x;
                x = pin.read();
            }
            if (x == '\r') {
                int y = pin.read();
                if (y == '\n') {
                    queued = queuePos = 0;
                    queue[queued++] = '\n';
                    return '\r';
                }
                if (y >= 0) pin.unread(y);
                queue[queued++] = '\r';
                return queue[queuePos++];
            }
            if (x == '\n') {
                queued = queuePos = 0;
                return '\n';
            }
            if (x < 0) {
                queued = queuePos = 0;
                return -1;
            }
            pin.unread(x);
            return queue[queuePos++];
        }

        @Override
        public int read() throws IOException {
            while (true) {
                if (queuePos < queued) {
                    return queue[queuePos++];
                }
                queued = queuePos = 0;
                int c = in.read();
                if (c == ' ' || c == '\t') {
                    return whiteSpace(c);
                }
                if (c != '=') {
                    return c;
                }
                int a = in.read();
                if (a == '\n') {
                    continue; // soft line break
                }
                if (a == '\r') {
                    int b = in.read();
                    if (b == '\n') {
                        continue;
                    }
                    return emit('=', '\r', b);
                }
                if (a < 0) {
                    return '=';
                }
                int b = in.read();
                int hi = EncodedWords.hex((char) a);
                int lo = b < 0 ? -1 : EncodedWords.hex((char) b);
                if (hi >= 0 && lo >= 0) {
                    return hi * 16 + lo;
                }
                if (a == ' ' || a == '\t') {
                    // "=" followed by trailing white space before the line break: a soft break too
                    queued = queuePos = 0;
                    queue[queued++] = a;
                    int x = b;
                    while ((x == ' ' || x == '\t') && queued < queue.length - 2) {
                        queue[queued++] = x;
                        x = in.read();
                    }
                    if (x == '\r') {
                        int y = in.read();
                        if (y == '\n') {
                            queued = 0;
                            continue;
                        }
                        queue[queued++] = x;
                        x = y;
                    }
                    if (x == '\n' || x < 0) {
                        queued = 0;
                        continue;
                    }
                    queue[queued++] = x;
                    return '=';
                }
                return emit('=', a, b);
            }
        }

        private int emit(int first, int second, int third) {
            queued = 0;
            queuePos = 0;
            if (second >= 0) {
                queue[queued++] = second;
            }
            if (third >= 0) {
                queue[queued++] = third;
            }
            return first;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int n = 0;
            while (n < len) {
                int c = read();
                if (c < 0) {
                    return n == 0 ? -1 : n;
                }
                b[off + n++] = (byte) c;
                if (in.available() <= 0 && queuePos >= queued) {
                    break;
                }
            }
            return n;
        }

        @Override
        public int available() {
            return queued - queuePos;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = 0;
            while (skipped < n && read() >= 0) {
                skipped++;
            }
            return skipped;
        }
    }
}
