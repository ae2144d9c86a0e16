package org.loftmail.sieve.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into tokens (RFC 5228 section 8.1): identifiers, tags, numbers with K/M/G quantifiers, quoted and
 * multi-line strings (with their escapes and dot-stuffing undone), punctuation; hash and bracket comments are
 * skipped. Lines end at LF (CRLF or bare LF, as Pigeonhole accepts both).
 */
public final class Lexer {

    /** Largest number a script may write (Pigeonhole's sieve_number_t is 64-bit; RFC 5228 asks for 2^31 at least). */
    static final long MAX_NUMBER = Long.MAX_VALUE / 1024 / 1024 / 1024;

    private final String src;
    private int pos;
    private int line = 1;
    private int lineStart;

    private Lexer(String src) {
        this.src = src;
    }

    public static List<Token> tokens(String source) throws SyntaxException {
        Lexer lexer = new Lexer(source);
        List<Token> out = new ArrayList<>();
        Token t;
        do {
            t = lexer.next();
            out.add(t);
        } while (t.type() != Token.Type.EOF);
        return out;
    }

    private int column() {
        return pos - lineStart + 1;
    }

    private void newline() {
        line++;
        lineStart = pos;
    }

    private Token next() throws SyntaxException {
        skipSpace();
        int l = line;
        int c = column();
        if (pos >= src.length()) {
            return new Token(Token.Type.EOF, "", 0, l, c);
        }
        char ch = src.charAt(pos);
        Token.Type punct = switch (ch) {
            case '[' -> Token.Type.LBRACKET;
            case ']' -> Token.Type.RBRACKET;
            case '(' -> Token.Type.LPAREN;
            case ')' -> Token.Type.RPAREN;
            case ',' -> Token.Type.COMMA;
            case ';' -> Token.Type.SEMICOLON;
            case '{' -> Token.Type.LBRACE;
            case '}' -> Token.Type.RBRACE;
            default -> null;
        };
        if (punct != null) {
            pos++;
            return new Token(punct, String.valueOf(ch), 0, l, c);
        }
        if (ch == '"') {
            return quoted(l, c);
        }
        if (ch == ':') {
            pos++;
            if (pos >= src.length() || !identStart(src.charAt(pos))) {
                throw new SyntaxException("unexpected character ':' (a tag needs a name)", l, c);
            }
            return new Token(Token.Type.TAG, identifier(), 0, l, c);
        }
        if (ch >= '0' && ch <= '9') {
            return number(l, c);
        }
        if (identStart(ch)) {
            String id = identifier();
            if (id.equalsIgnoreCase("text") && pos < src.length() && src.charAt(pos) == ':') {
                pos++;
                return multiLine(l, c);
            }
            return new Token(Token.Type.IDENTIFIER, id, 0, l, c);
        }
        throw new SyntaxException("unexpected character(s) starting with " + printable(ch), l, c);
    }

    private static String printable(char ch) {
        return ch < 0x20 || ch == 0x7f ? String.format("0x%02x", (int) ch) : "'" + ch + "'";
    }

    private void skipSpace() throws SyntaxException {
        while (pos < src.length()) {
            char ch = src.charAt(pos);
            if (ch == ' ' || ch == '\t' || ch == '\r') {
                pos++;
            } else if (ch == '\n') {
                pos++;
                newline();
            } else if (ch == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') pos++;
            } else if (ch == '/' && pos + 1 < src.length() && src.charAt(pos + 1) == '*') {
                int l = line;
                int c = column();
                pos += 2;
                while (true) {
                    if (pos + 1 >= src.length()) {
                        throw new SyntaxException("end of file before end of bracket comment ('/* ... */') "
                                + "started at line " + l, l, c);
                    }
                    if (src.charAt(pos) == '*' && src.charAt(pos + 1) == '/') {
                        pos += 2;
                        break;
                    }
                    if (src.charAt(pos++) == '\n') newline();
                }
            } else {
                return;
            }
        }
    }

    private static boolean identStart(char ch) {
        return ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
    }

    private String identifier() {
        int start = pos;
        while (pos < src.length()) {
            char ch = src.charAt(pos);
            if (identStart(ch) || (ch >= '0' && ch <= '9')) pos++;
            else break;
        }
        return src.substring(start, pos);
    }

    private Token number(int l, int c) throws SyntaxException {
        long value = 0;
        while (pos < src.length() && Character.isDigit(src.charAt(pos)) && src.charAt(pos) < 128) {
            value = value * 10 + (src.charAt(pos++) - '0');
            if (value > MAX_NUMBER) {
                throw new SyntaxException("number is too large", l, c);
            }
        }
        if (pos < src.length()) {
            int shift = switch (src.charAt(pos)) {
                case 'K', 'k' -> 10;
                case 'M', 'm' -> 20;
                case 'G', 'g' -> 30;
                default -> 0;
            };
            if (shift > 0) {
                pos++;
                value <<= shift;
            }
        }
        if (pos < src.length() && identStart(src.charAt(pos))) {
            throw new SyntaxException("unexpected character(s) starting with '" + src.charAt(pos)
                    + "' after number", line, column());
        }
        return new Token(Token.Type.NUMBER, "", value, l, c);
    }

    private Token quoted(int l, int c) throws SyntaxException {
        pos++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                throw new SyntaxException("end of file before end of quoted string started at line " + l, line,
                        column());
            }
            char ch = src.charAt(pos++);
            if (ch == '"') break;
            if (ch == '\\') {
                if (pos >= src.length()) continue;
                ch = src.charAt(pos++);
            }
            if (ch == '\n') {
                newline();
                // a line break inside a quoted string is CRLF, as in multi-line strings
                if (b.isEmpty() || b.charAt(b.length() - 1) != '\r') b.append('\r');
            }
            b.append(ch);
        }
        return new Token(Token.Type.STRING, b.toString(), 0, l, c);
    }

    private Token multiLine(int l, int c) throws SyntaxException {
        while (pos < src.length() && (src.charAt(pos) == ' ' || src.charAt(pos) == '\t')) pos++;
        if (pos < src.length() && src.charAt(pos) == '#') {
            while (pos < src.length() && src.charAt(pos) != '\n') pos++;
        } else if (pos < src.length() && src.charAt(pos) == '\r') {
            pos++;
        }
        if (pos >= src.length() || src.charAt(pos) != '\n') {
            throw new SyntaxException("invalid character " + (pos < src.length() ? printable(src.charAt(pos))
                    : "at end of file") + " after 'text:' in multiline string", line, column());
        }
        pos++;
        newline();
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                throw new SyntaxException("end of file before end of multi-line string started at line " + l, l, c);
            }
            int end = src.indexOf('\n', pos);
            String text = end < 0 ? src.substring(pos) : src.substring(pos, end);
            if (text.endsWith("\r")) text = text.substring(0, text.length() - 1);
            pos = end < 0 ? src.length() : end + 1;
            if (end >= 0) newline();
            if (text.equals(".")) break;
            if (text.startsWith("..")) text = text.substring(1); // dot-stuffing; ".x" stays as written
            if (end < 0) {
                throw new SyntaxException("end of file before end of multi-line string started at line " + l, l, c);
            }
            b.append(text).append("\r\n");
        }
        return new Token(Token.Type.STRING, b.toString(), 0, l, c);
    }
}
