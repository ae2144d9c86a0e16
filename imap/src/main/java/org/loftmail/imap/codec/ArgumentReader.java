package org.loftmail.imap.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.loftmail.transport.literal.LiteralAnnouncement;
import org.loftmail.transport.literal.QuotedString;
import org.loftmail.transport.literal.WireSyntaxException;

/**
 * Reads the arguments of one {@link CommandInput} token by token (RFC 3501 section 9 / RFC 9051 section 9). Every
 * method either returns a well-formed value or throws {@link ImapSyntaxException} with a fixed text; nothing here
 * ever echoes client bytes. Literals are returned where the grammar allows a string.
 */
public final class ArgumentReader {

    private final CommandInput input;
    private int lineIndex;
    private int pos;

    public ArgumentReader(CommandInput input) {
        this.input = input;
    }

    private byte[] line() {
        return input.lines().get(lineIndex);
    }

    /** The next byte, or -1 at the end of the current line. */
    public int peek() {
        byte[] l = line();
        return pos < l.length ? l[pos] & 0xff : -1;
    }

    /** True when every byte of the command was read. */
    public boolean atEnd() {
        return lineIndex == input.lines().size() - 1 && pos >= line().length;
    }

    /** Expects the end of the command. */
    public void end() {
        if (!atEnd()) {
            throw new ImapSyntaxException("Unexpected argument");
        }
    }

    /** Expects exactly one space. */
    public void sp() {
        int c = peek();
        if (c == -1) throw new ImapSyntaxException("Missing arguments");
        if (c != ' ') throw new ImapSyntaxException("Expected a space");
        pos++;
    }

    /** Consumes {@code c} if it is next. */
    public boolean skip(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    public void expect(char c) {
        if (!skip(c)) {
            throw new ImapSyntaxException(peek() == -1 ? "Missing arguments" : "Expected '" + c + "'");
        }
    }

    /** A command tag: ASTRING-CHARs except '+'. */
    public String tag() {
        int start = pos;
        while (peek() != -1 && isAstringChar(peek()) && peek() != '+') pos++;
        if (pos == start || (peek() != ' ' && peek() != -1)) {
            throw new ImapSyntaxException("Invalid tag");
        }
        return ascii(start, pos);
    }

    /** An atom (RFC 3501 ATOM-CHAR). */
    public String atom() {
        return readWhile(ArgumentReader::isAtomChar, "Expected an atom");
    }

    /** An atom, uppercased (command names, keywords of the grammar). */
    public String keyword() {
        return atom().toUpperCase(Locale.ROOT);
    }

    /** True if the next token is this atom (case-insensitive), consuming it. */
    public boolean skipKeyword(String word) {
        byte[] l = line();
        int n = word.length();
        if (pos + n > l.length) return false;
        for (int i = 0; i < n; i++) {
            if (Character.toUpperCase((char) (l[pos + i] & 0xff)) != word.charAt(i)) return false;
        }
        if (pos + n < l.length && isAtomChar(l[pos + n] & 0xff)) return false;
        pos += n;
        return true;
    }

    /** A number (RFC 3501 number: 32-bit unsigned; RFC 9051 number64 where asked). */
    public long number() {
        int start = pos;
        while (peek() >= '0' && peek() <= '9') pos++;
        if (pos == start) throw new ImapSyntaxException(peek() == -1 ? "Missing arguments" : "Expected a number");
        if (pos - start > 19) throw new ImapSyntaxException("Number too large");
        long v;
        try {
            v = Long.parseLong(ascii(start, pos));
        } catch (NumberFormatException e) {
            throw new ImapSyntaxException("Number too large"); // 19 digits above 2^63-1
        }
        if (v < 0) throw new ImapSyntaxException("Number too large");
        return v;
    }

    public long number32() {
        long v = number();
        if (v > 0xFFFF_FFFFL) throw new ImapSyntaxException("Number too large");
        return v;
    }

    public long nzNumber() {
        long v = number32();
        if (v == 0) throw new ImapSyntaxException("Expected a non-zero number");
        return v;
    }

    /** astring = 1*ASTRING-CHAR / string, as bytes. */
    public byte[] astringBytes() {
        int c = peek();
        if (c == '"' || isLiteralHere()) return stringBytes();
        int start = pos;
        while (peek() != -1 && isAstringChar(peek())) pos++;
        if (peek() >= 0x80) throw new ImapSyntaxException("8bit data in atom");
        if (pos == start) throw new ImapSyntaxException(c == -1 ? "Missing arguments" : "Invalid characters in atom");
        return java.util.Arrays.copyOfRange(line(), start, pos);
    }

    public String astring() {
        return utf8(astringBytes());
    }

    /** string = quoted / literal. */
    public byte[] stringBytes() {
        int c = peek();
        if (c == '"') return quoted();
        if (isLiteralHere()) return literal();
        throw new ImapSyntaxException(c == -1 ? "Missing arguments" : "Expected a string");
    }

    public String string() {
        return utf8(stringBytes());
    }

    /** nstring = string / NIL; empty for NIL. */
    public Optional<byte[]> nstring() {
        if (skipKeyword("NIL")) return Optional.empty();
        return Optional.of(stringBytes());
    }

    /** list-mailbox = 1*list-char / string (list-char adds '%', '*' and ']' to ATOM-CHAR). */
    public String listMailbox() {
        int c = peek();
        if (c == '"' || isLiteralHere()) return string();
        int start = pos;
        while (peek() != -1 && (isAstringChar(peek()) || peek() == '%' || peek() == '*')) pos++;
        if (peek() >= 0x80) throw new ImapSyntaxException("8bit data in atom");
        if (pos == start) throw new ImapSyntaxException(c == -1 ? "Missing arguments" : "Invalid characters in mailbox pattern");
        return ascii(start, pos);
    }

    /** A flag: {@code \Atom} or a keyword atom; returned as written. */
    public String flag() {
        int start = pos;
        skip('\\');
        if (pos > start && peek() == '*') {
            pos++;
            return "\\*";
        }
        String a = readWhile(ArgumentReader::isAtomChar, "Invalid flag");
        return pos - a.length() > start ? "\\" + a : a;
    }

    /** flag-list = "(" [flag *(SP flag)] ")". */
    public List<String> flagList() {
        expect('(');
        List<String> flags = new ArrayList<>();
        while (!skip(')')) {
            if (!flags.isEmpty()) sp();
            flags.add(flag());
        }
        return flags;
    }

    /** Either a parenthesised flag list or a single flag (STORE allows both). */
    public List<String> flagsOrFlag() {
        if (peek() == '(') return flagList();
        List<String> one = new ArrayList<>();
        one.add(flag());
        while (peek() == ' ') { // Dovecot accepts "STORE 1 +FLAGS \Seen \Deleted"
            sp();
            one.add(flag());
        }
        return one;
    }

    /** A sequence set (with '*' and '$'). */
    public SequenceSet sequenceSet() {
        int start = pos;
        while (peek() != -1 && (isDigit(peek()) || peek() == ':' || peek() == ',' || peek() == '*' || peek() == '$')) pos++;
        if (pos == start) throw new ImapSyntaxException(peek() == -1 ? "Missing arguments" : "Invalid messageset");
        if (peek() != -1 && peek() != ' ' && peek() != ')') throw new ImapSyntaxException("Invalid messageset");
        return SequenceSet.parse(ascii(start, pos));
    }

    /** True when a sequence set starts here (a digit, '*' or '$'). */
    public boolean atSequenceSet() {
        int c = peek();
        return isDigit(c) || c == '*' || c == '$';
    }

    /** date-time in double quotes (APPEND). */
    public java.time.ZonedDateTime dateTime() {
        if (peek() != '"') throw new ImapSyntaxException("Expected a date-time");
        return ImapDates.parseDateTime(utf8(quoted()));
    }

    /** date = date-text / DQUOTE date-text DQUOTE (SEARCH). */
    public java.time.LocalDate date() {
        String text = peek() == '"' ? utf8(quoted()) : atom();
        return ImapDates.parseDate(text);
    }

    /** Reads the bytes the predicate accepts (possibly none), as ASCII. */
    public String readWhile(java.util.function.IntPredicate ok) {
        int start = pos;
        while (peek() != -1 && ok.test(peek())) pos++;
        return ascii(start, pos);
    }

    /** Reads everything up to the end of the current line (the raw rest, for AUTHENTICATE responses etc.). */
    public String restOfLine() {
        byte[] l = line();
        String s = ascii(pos, l.length);
        pos = l.length;
        return s;
    }

    private byte[] quoted() {
        try {
            QuotedString.Read q = QuotedString.read(line(), pos);
            pos = q.end();
            return q.value();
        } catch (WireSyntaxException e) {
            throw new ImapSyntaxException(e.getMessage());
        }
    }

    private boolean isLiteralHere() {
        if (lineIndex >= input.literals().size()) return false;
        Optional<LiteralAnnouncement> a = announcement();
        return a.isPresent() && a.get().start() == pos;
    }

    /** True when the next token is a literal (used by commands that treat literals specially). */
    public boolean atLiteral() {
        return isLiteralHere();
    }

    private byte[] literal() {
        if (announcement().map(LiteralAnnouncement::binary).orElse(false)) {
            throw new ImapSyntaxException("literal8 not allowed here"); // RFC 3516: only APPEND's message
        }
        byte[] data = input.literals().get(lineIndex);
        lineIndex++;
        pos = 0;
        return data;
    }

    private Optional<LiteralAnnouncement> announcement() {
        try {
            return LiteralAnnouncement.at(line());
        } catch (WireSyntaxException e) {
            throw new ImapSyntaxException(e.getMessage());
        }
    }

    private String readWhile(java.util.function.IntPredicate ok, String error) {
        int start = pos;
        while (peek() != -1 && ok.test(peek())) pos++;
        if (peek() >= 0x80) throw new ImapSyntaxException("8bit data in atom");
        if (pos == start) {
            int c = peek();
            throw new ImapSyntaxException(c == -1 ? "Missing arguments" : c >= 0x80 ? "8bit data in atom" : error);
        }
        return ascii(start, pos);
    }

    private String ascii(int from, int to) {
        return new String(line(), from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** ATOM-CHAR: any CHAR except atom-specials ( ) { SP CTL % * " \ ]. */
    public static boolean isAtomChar(int c) {
        if (c <= 0x20 || c >= 0x7f) return false;
        return switch (c) {
            case '(', ')', '{', '%', '*', '"', '\\', ']' -> false;
            default -> true;
        };
    }

    /** ASTRING-CHAR: ATOM-CHAR or resp-specials (']'). */
    public static boolean isAstringChar(int c) {
        return c == ']' || isAtomChar(c);
    }
}
