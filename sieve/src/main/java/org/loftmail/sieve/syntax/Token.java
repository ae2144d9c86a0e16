package org.loftmail.sieve.syntax;

/** One lexical token of a Sieve script (RFC 5228 section 8.1) with the position where it starts (1-based). */
public record Token(Type type, String text, long number, int line, int column) {

    public enum Type {
        IDENTIFIER, TAG, NUMBER, STRING, LBRACKET, RBRACKET, LPAREN, RPAREN, COMMA, SEMICOLON, LBRACE, RBRACE, EOF
    }

    /** How the token reads in an error message, as Pigeonhole names them. */
    public String describe() {
        return switch (type) {
            case IDENTIFIER -> "identifier '" + text + "'";
            case TAG -> "tag ':" + text + "'";
            case NUMBER -> "number " + number;
            case STRING -> "string";
            case LBRACKET -> "'['";
            case RBRACKET -> "']'";
            case LPAREN -> "'('";
            case RPAREN -> "')'";
            case COMMA -> "','";
            case SEMICOLON -> "';'";
            case LBRACE -> "'{'";
            case RBRACE -> "'}'";
            case EOF -> "end of file";
        };
    }
}
