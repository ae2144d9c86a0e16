package org.loftmail.sieve.syntax;

import java.util.List;

/** A command's or test's argument (RFC 5228 section 2.6): a string list, a number or a tag, with its position. */
public sealed interface Argument {

    int line();

    int column();

    /** A single string or a bracketed list; {@code bracketed} tells which was written. */
    record StringList(List<String> values, boolean bracketed, int line, int column) implements Argument {
        public StringList {
            values = List.copyOf(values);
        }

        public boolean single() {
            return !bracketed && values.size() == 1;
        }
    }

    record Number(long value, int line, int column) implements Argument {}

    /** {@code :name}, without the colon, lower-cased. */
    record Tag(String name, int line, int column) implements Argument {}

    /** How Pigeonhole names an argument's kind in errors. */
    public static String kindOf(Argument a) {
        return switch (a) {
            case StringList s -> s.single() ? "string" : "string list";
            case Number n -> "number";
            case Tag t -> "tag ':" + t.name() + "'";
        };
    }
}
