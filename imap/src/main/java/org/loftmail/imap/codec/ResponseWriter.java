package org.loftmail.imap.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import org.loftmail.core.mail.ModifiedUtf7;
import org.loftmail.transport.literal.QuotedString;

/**
 * The one place IMAP responses are serialised. Every value goes through a method that either proves it safe as
 * an atom, quotes it, or sends it as a literal; human-readable texts are stripped of control characters. So no
 * client input and no exception text can put a CR or LF on the wire outside a literal.
 */
public final class ResponseWriter {

    /** Literals are streamed to the sink in pieces of this size. */
    private static final int CHUNK = 64 * 1024;
    /** Longest string sent quoted; longer ones go as literals, as Dovecot does. */
    private static final int MAX_QUOTED = 1024;

    private final ResponseSink sink;
    private final Buffer buffer = new Buffer();
    /** Where the unfinished line starts in the buffer, or -1 when no line is open. */
    private int openLineStart = -1;
    /** Part of the open line already went to the sink (a large literal): it can no longer be taken back. */
    private boolean openLineSpilled;
    /**
     * The client enabled IMAP4rev2: mailbox names go out as UTF-8 instead of modified UTF-7 (RFC 9051 section 5.1)
     * and human-readable texts may hold UTF-8 (RFC 9051 appendix E item 24).
     */
    private boolean utf8;

    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(256);
        }

        void truncate(int size) {
            count = size;
        }

        /** Room for {@code more} bytes (unsynchronised, unlike the inherited write methods). */
        void ensure(int more) {
            if (count + more > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
            }
        }

        void put(int b) {
            ensure(1);
            buf[count++] = (byte) b;
        }

        /** Appends a string whose characters were already checked to be printable ASCII. */
        void putAscii(String s) {
            int n = s.length();
            ensure(n);
            for (int i = 0; i < n; i++) buf[count++] = (byte) s.charAt(i);
        }

        /** Appends a number in decimal without making a String of it. */
        void putNumber(long n) {
            if (n < 0 || n >= 1_000_000_000_000_000_000L) {
                putAscii(Long.toString(n));
                return;
            }
            int digits = 1;
            for (long p = 10; digits < 19 && n >= p; p *= 10) digits++;
            ensure(digits);
            int end = count + digits;
            for (int i = end - 1; i >= count; i--) {
                buf[i] = (byte) ('0' + n % 10);
                n /= 10;
            }
            count = end;
        }
    }

    public ResponseWriter(ResponseSink sink) {
        this.sink = sink;
    }

    /** From now on mailbox names and texts are written in UTF-8 (allowed only once the client enabled it). */
    public void utf8(boolean on) {
        this.utf8 = on;
    }

    /** Starts {@code * }. */
    public Line untagged() {
        return new Line().raw("* ");
    }

    /** Starts {@code tag } (tags come from the parser, which only accepts ASTRING-CHARs). */
    public Line tagged(String tag) {
        return new Line().token(tag).raw(" ");
    }

    /** A complete tagged status response: {@code tag OK [code] text}. */
    public void status(String tag, String status, String code, String text) {
        Line l = tag == null ? untagged() : tagged(tag);
        l.atom(status).raw(" ");
        if (code != null && !code.isEmpty()) l.raw("[").token(code).raw("] ");
        l.text(text).end();
    }

    /** {@code + text}. */
    public void continuation(String text) {
        new Line().raw("+ ").text(text).end();
    }

    public boolean flush() {
        spill();
        return sink.flush();
    }

    /** Hands what is buffered to the sink without asking it to send (the caller's next step sends it). */
    public void handOver() {
        spill();
    }

    /**
     * Drops a line that was started but not ended (a command failed half-way through writing it), so the next
     * response starts on a clean line. Returns false when part of it was already sent: the stream is then broken
     * and the caller must close the connection.
     */
    public boolean discardOpenLine() {
        if (openLineStart < 0) return true;
        boolean clean = !openLineSpilled;
        if (clean) buffer.truncate(openLineStart);
        openLineStart = -1;
        openLineSpilled = false;
        return clean;
    }

    private void spill() {
        if (openLineStart >= 0) {
            openLineSpilled = true;
            openLineStart = 0;
        }
        if (buffer.size() > 0) {
            sink.write(buffer.toByteArray());
            buffer.reset();
        }
    }

    /** One response line (which may contain literals). Call {@link #end()} to finish it. */
    public final class Line {

        private Line() {
            openLineStart = buffer.size();
            openLineSpilled = false;
        }

        private Line raw(String ascii) {
            buffer.writeBytes(ascii.getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        public Line sp() {
            buffer.put(' ');
            return this;
        }

        /** An atom of the protocol (OK, EXISTS, FLAGS, \Seen, a keyword). Refuses anything that is not one. */
        public Line atom(String atom) {
            if (atom.isEmpty()) throw new IllegalArgumentException("empty atom");
            for (int i = 0; i < atom.length(); i++) {
                char c = atom.charAt(i);
                if (!ArgumentReader.isAtomChar(c) && c != '\\' && c != ']') {
                    throw new IllegalArgumentException("not an atom");
                }
            }
            buffer.putAscii(atom);
            return this;
        }

        /**
         * A composite token made by the server (response codes such as {@code UIDNEXT 5}, {@code BODY[1.TEXT]<0>},
         * {@code PERMANENTFLAGS (\Seen \*)}): printable ASCII only.
         */
        public Line token(String token) {
            for (int i = 0; i < token.length(); i++) {
                char c = token.charAt(i);
                if (c < 0x20 || c > 0x7e) throw new IllegalArgumentException("control or 8-bit character in token");
            }
            buffer.putAscii(token);
            return this;
        }

        public Line number(long n) {
            buffer.putNumber(n);
            return this;
        }

        /** A set of numbers in compact sequence-set form ({@code 1:3,7}), range by range. */
        public Line sequenceSet(org.loftmail.core.mail.UidSet set) {
            boolean first = true;
            for (long[] r : set.ranges()) {
                if (!first) buffer.put(',');
                first = false;
                number(r[0]);
                if (r[1] != r[0]) {
                    buffer.put(':');
                    number(r[1]);
                }
            }
            return this;
        }

        public Line nil() {
            return raw("NIL");
        }

        public Line open() {
            buffer.put('(');
            return this;
        }

        public Line close() {
            buffer.put(')');
            return this;
        }

        /** A parenthesised list of atoms (flags, capabilities). */
        public Line atoms(Collection<String> atoms) {
            open();
            boolean first = true;
            for (String a : atoms) {
                if (!first) sp();
                atom(a);
                first = false;
            }
            return close();
        }

        /** A string: quoted when it is short printable text, a literal otherwise. */
        public Line string(String s) {
            return string(s.getBytes(StandardCharsets.UTF_8));
        }

        public Line string(byte[] b) {
            if (b.length <= MAX_QUOTED && QuotedString.quotable(b)) return quoted(b);
            return literal(b);
        }

        /** {@code "…"} with {@code "} and {@code \\} escaped; the caller has checked that quoting is allowed. */
        private Line quoted(byte[] b) {
            QuotedString.write(b, buffer);
            return this;
        }

        /** nstring: NIL for null. */
        public Line nstring(byte[] b) {
            return b == null ? nil() : string(b);
        }

        public Line nstring(String s) {
            return s == null ? nil() : string(s);
        }

        /** An astring: an atom when it is one, a string otherwise. */
        public Line astring(String s) {
            if (!s.isEmpty() && s.chars().allMatch(ArgumentReader::isAstringChar)) return raw(s);
            return string(s);
        }

        /**
         * A mailbox name given in Unicode, sent in modified UTF-7 (RFC 3501 5.1.3), or in UTF-8 once the client
         * enabled IMAP4rev2 (RFC 9051 5.1; its quoted strings may hold UTF-8, RFC 9051 section 9 QUOTED-CHAR).
         */
        public Line mailbox(String unicodeName) {
            String encoded = utf8 ? unicodeName : ModifiedUtf7.encode(unicodeName);
            if (encoded.equalsIgnoreCase("INBOX")) return raw("INBOX"); // atoms bare, as Dovecot
            if (utf8 && encoded.chars().anyMatch(c -> c > 0x7e)) return utf8String(encoded);
            return astring(encoded);
        }

        /** A string that may hold UTF-8: quoted when short and free of CR, LF and NUL, a literal otherwise. */
        private Line utf8String(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (b.length > MAX_QUOTED || !QuotedString.quotableUtf8(b)) return literal(b);
            return quoted(b);
        }

        /** {@code {n}} CRLF then the bytes. */
        public Line literal(byte[] b) {
            raw("{" + b.length + "}\r\n");
            buffer.writeBytes(b);
            if (buffer.size() > CHUNK) spill();
            return this;
        }

        /**
         * A literal of exactly {@code size} bytes read from the stream (padded with spaces, cut if the stream has
         * more): what was announced is what is sent, so the framing cannot break.
         */
        public Line literal(InputStream in, long size) throws IOException {
            return literal(in, size, false);
        }

        /**
         * As {@link #literal(InputStream, long)}; with {@code binary} it goes as an RFC 3516 literal8
         * ({@code ~{n}}), which may carry NUL bytes.
         */
        public Line literal(InputStream in, long size, boolean binary) throws IOException {
            raw((binary ? "~{" : "{") + size + "}\r\n");
            spill();
            byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(size, 1))];
            long left = size;
            boolean eof = false;
            while (left > 0) {
                int n = 0;
                if (!eof) {
                    // A full chunk per write and flush: streams that convert line ends return less per read, and
                    // a flush per read cost a wake-up of the event loop each.
                    n = in.readNBytes(chunk, 0, (int) Math.min(chunk.length, left));
                    eof = n == 0;
                }
                if (eof) {
                    n = (int) Math.min(chunk.length, left);
                    java.util.Arrays.fill(chunk, 0, n, (byte) ' ');
                }
                sink.write(java.util.Arrays.copyOf(chunk, n));
                sink.flush(); // bounded output: blocks while the client is not reading
                left -= n;
            }
            return this;
        }

        /**
         * A value another IMAP renderer produced (ENVELOPE, BODYSTRUCTURE from the MIME layer). Checked, not
         * trusted: outside literals it must hold no CR, LF or NUL, and every literal must be complete.
         */
        public Line rendered(byte[] wire) {
            int i = 0;
            while (i < wire.length) {
                byte b = wire[i];
                if (b == '\r' || b == '\n' || b == 0) throw new IllegalArgumentException("line break outside a literal");
                if (b == '"') {
                    i++;
                    while (i < wire.length && wire[i] != '"') {
                        if (wire[i] == '\r' || wire[i] == '\n' || wire[i] == 0) throw new IllegalArgumentException("bad quoted string");
                        i += wire[i] == '\\' ? 2 : 1;
                    }
                    if (i >= wire.length) throw new IllegalArgumentException("unterminated quoted string");
                    i++;
                    continue;
                }
                if (b == '{') {
                    int close = i + 1;
                    while (close < wire.length && wire[close] >= '0' && wire[close] <= '9') close++;
                    if (close == i + 1 || close + 2 >= wire.length || wire[close] != '}' || wire[close + 1] != '\r'
                            || wire[close + 2] != '\n') {
                        throw new IllegalArgumentException("malformed literal");
                    }
                    long n = Long.parseLong(new String(wire, i + 1, close - i - 1, StandardCharsets.US_ASCII));
                    if (close + 3 + n > wire.length) throw new IllegalArgumentException("short literal");
                    i = (int) (close + 3 + n);
                    continue;
                }
                i++;
            }
            buffer.writeBytes(wire);
            return this;
        }

        /** Human-readable text: control characters become spaces, non-ASCII becomes '?'. */
        public Line text(String text) {
            if (utf8) return utf8Text(text);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                buffer.write(c < 0x20 || c == 0x7f ? ' ' : c > 0x7e ? '?' : c);
            }
            return this;
        }

        /** Text with printable non-ASCII characters kept as UTF-8; controls become spaces, the rest '?'. */
        private Line utf8Text(String text) {
            for (int i = 0; i < text.length(); ) {
                int c = text.codePointAt(i);
                i += Character.charCount(c);
                if (c < 0x20 || c == 0x7f) buffer.write(' ');
                else if (c <= 0x7e) buffer.write(c);
                else if (c < 0xa0 || (c >= 0xd800 && c <= 0xdfff)) buffer.write('?');
                else buffer.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
            }
            return this;
        }

        /** Ends the line with CRLF. */
        public void end() {
            raw("\r\n");
            openLineStart = -1;
            openLineSpilled = false;
            if (buffer.size() > CHUNK) spill();
        }
    }

}
