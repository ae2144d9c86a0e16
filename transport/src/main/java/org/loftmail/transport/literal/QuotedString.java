package org.loftmail.transport.literal;

import java.io.ByteArrayOutputStream;

/**
 * Quoted strings (RFC 3501 section 4.3, RFC 5804 section 4): {@code "…"} with {@code "} and {@code \} escaped by a
 * backslash, holding no CR, LF or NUL. Reading is strict (no other escapes); writing is for values the caller has
 * checked with {@link #quotable}, or sends as a literal otherwise.
 */
public final class QuotedString {

    /** A string read from a line and the position just after its closing quote. */
    public record Read(byte[] value, int end) {}

    private QuotedString() {}

    /**
     * Reads the quoted string that starts at {@code line[pos]} (which must be the opening quote).
     *
     * @throws WireSyntaxException with a fixed text when it is not one
     */
    public static Read read(byte[] line, int pos) {
        if (pos >= line.length || line[pos] != '"') {
            throw new WireSyntaxException(pos >= line.length ? "Missing arguments" : "Expected '\"'");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = pos + 1;
        while (true) {
            if (i >= line.length) throw new WireSyntaxException("Missing '\"'");
            int c = line[i++] & 0xff;
            if (c == '"') return new Read(out.toByteArray(), i);
            if (c == '\\') {
                if (i >= line.length) throw new WireSyntaxException("Missing '\"'");
                int e = line[i++] & 0xff;
                if (e != '"' && e != '\\') throw new WireSyntaxException("Invalid escape in quoted string");
                out.write(e);
            } else if (c == 0 || c == '\r' || c == '\n') {
                throw new WireSyntaxException("Invalid characters in quoted string");
            } else {
                out.write(c);
            }
        }
    }

    /** True when {@code b} may go quoted as 7-bit text: no NUL, CR, LF or 8-bit bytes. */
    public static boolean quotable(byte[] b) {
        for (byte x : b) {
            if (x == 0 || x == '\r' || x == '\n' || x < 0) return false;
        }
        return true;
    }

    /** True when {@code b} may go quoted where UTF-8 is allowed (IMAP4rev2, ManageSieve): no NUL, CR or LF. */
    public static boolean quotableUtf8(byte[] b) {
        for (byte x : b) {
            if (x == 0 || x == '\r' || x == '\n') return false;
        }
        return true;
    }

    /** Writes {@code b} quoted; the caller has checked that quoting is allowed. */
    public static void write(byte[] b, ByteArrayOutputStream out) {
        if (!quotableUtf8(b)) {
            throw new IllegalArgumentException("CR, LF or NUL cannot go in a quoted string");
        }
        out.write('"');
        for (byte x : b) {
            if (x == '"' || x == '\\') out.write('\\');
            out.write(x);
        }
        out.write('"');
    }
}
