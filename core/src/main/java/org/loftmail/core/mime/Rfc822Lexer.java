package org.loftmail.core.mime;

/**
 * A cursor over a header value (a byte string) that knows RFC 5322's lexical pieces: white space, comments,
 * quoted strings, atoms and MIME tokens. Lenient: it never throws, it just reports what is not there.
 */
final class Rfc822Lexer {
    private final String s;
    private int pos;
    private boolean unterminatedComment;

    Rfc822Lexer(String value) {
        this.s = value;
    }

    boolean atEnd() {
        return pos >= s.length();
    }

    int peek() {
        return pos < s.length() ? s.charAt(pos) : -1;
    }

    int position() {
        return pos;
    }

    void reset(int position) {
        pos = position;
    }

    void skip() {
        if (pos < s.length()) {
            pos++;
        }
    }

    String rest() {
        return s.substring(Math.min(pos, s.length()));
    }

    String substring(int from, int to) {
        return s.substring(from, to);
    }

    static boolean isWhite(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** Skips white space and comments. Returns the text of the last comment skipped, or null. */
    String skipCfws() {
        String lastComment = null;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (isWhite(c)) {
                pos++;
            } else if (c == '(') {
                lastComment = comment();
            } else {
                break;
            }
        }
        return lastComment;
    }

    /** Whether a comment ran to the end of the value without its closing parenthesis. */
    boolean sawUnterminatedComment() {
        return unterminatedComment;
    }

    /** Reads a comment at '(' (nesting and quoted pairs honoured), returning its inner text. */
    String comment() {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '(') {
                if (depth++ > 0) {
                    sb.append(c);
                }
            } else if (c == ')') {
                if (--depth == 0) {
                    return sb.toString();
                }
                sb.append(c);
            } else if (c == '\\' && pos < s.length()) {
                sb.append(s.charAt(pos++));
            } else if (c != '\r' && c != '\n') {
                sb.append(c);
            }
        }
        unterminatedComment = true;
        return sb.toString();
    }

    /** Reads a quoted string at '"', returning its unescaped content (CR and LF dropped), or null if unterminated. */
    String quotedString() {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            } else if (c == '\\' && pos < s.length()) {
                sb.append(s.charAt(pos++));
            } else if (c != '\r' && c != '\n') {
                sb.append(c);
            }
        }
        return null;
    }

    private static final boolean[] ATEXT = new boolean[128];
    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (int c = '!'; c < 0x7f; c++) {
            ATEXT[c] = "()<>[]:;@\\,.\"".indexOf(c) < 0;
            TOKEN[c] = "()<>@,;:\\\"/[]?=".indexOf(c) < 0;
        }
    }

    static boolean isAtext(int c) {
        return c >= 0x80 || ATEXT[c];
    }

    static boolean isTokenChar(int c) {
        return c >= 0x80 || TOKEN[c];
    }

    /** Reads an atom (RFC 5322 atext run), or returns "" if there is none here. */
    String atom() {
        int start = pos;
        while (pos < s.length() && isAtext(s.charAt(pos))) {
            pos++;
        }
        return s.substring(start, pos);
    }

    /** Reads a MIME token (RFC 2045), or returns "" if there is none here. */
    String token() {
        int start = pos;
        while (pos < s.length() && isTokenChar(s.charAt(pos))) {
            pos++;
        }
        return s.substring(start, pos);
    }
}
