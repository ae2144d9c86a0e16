package org.loftmail.sieve.syntax;

/** A script that does not follow RFC 5228's grammar, at a line and column. */
public final class SyntaxException extends Exception {

    private final int line;
    private final int column;

    public SyntaxException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
