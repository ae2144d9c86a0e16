package org.loftmail.imap.codec;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The result options of {@code SEARCH RETURN (…)} (RFC 4731 ESEARCH section 3.1, RFC 5182 SEARCHRES SAVE, RFC 9051
 * section 6.4.4). An empty list means ALL. Option names are atoms, case-insensitive; anything else is BAD with
 * Dovecot's texts.
 */
public record SearchReturn(Set<Option> options) {

    /** One result option. */
    public enum Option {
        MIN,
        MAX,
        ALL,
        COUNT,
        SAVE
    }

    /** What a rev2 SEARCH without RETURN means (RFC 9051 section 6.4.4): ALL, answered as ESEARCH. */
    public static final SearchReturn ALL = new SearchReturn(EnumSet.of(Option.ALL));

    public SearchReturn {
        if (options.isEmpty()) throw new IllegalArgumentException("RETURN () is written as ALL");
        options = Set.copyOf(EnumSet.copyOf(options));
    }

    public boolean has(Option o) {
        return options.contains(o);
    }

    /** SAVE alone: the result is kept and no ESEARCH is sent (RFC 5182 section 2.4). */
    public boolean saveOnly() {
        return options.equals(Set.of(Option.SAVE));
    }

    /**
     * With SAVE, only MIN and/or MAX asked for: {@code $} keeps just those messages (RFC 5182 section 2.4); with
     * ALL or COUNT (or SAVE alone) it keeps every match.
     */
    public boolean savesOnlyMinMax() {
        return (has(Option.MIN) || has(Option.MAX)) && !has(Option.ALL) && !has(Option.COUNT);
    }

    /**
     * Reads {@code RETURN (option *(SP option)) SP} when the search program starts with it; empty otherwise. The
     * reader is left at the search program (CHARSET or the first key).
     */
    public static Optional<SearchReturn> parseIfPresent(ArgumentReader r) {
        if (!r.skipKeyword("RETURN")) return Optional.empty();
        // Dovecot reads RETURN as a result-option list only when a list follows; else it is an unknown search key
        if (r.peek() != ' ') throw new ImapSyntaxException("Unknown argument RETURN");
        r.sp();
        if (r.peek() != '(') throw new ImapSyntaxException("Unknown argument RETURN");
        r.expect('(');
        EnumSet<Option> options = EnumSet.noneOf(Option.class);
        boolean first = true;
        while (!r.skip(')')) {
            if (r.peek() == -1) throw new ImapSyntaxException("Missing ')'");
            if (!first) r.sp();
            first = false;
            options.add(option(r));
        }
        if (r.atEnd()) throw new ImapSyntaxException("Missing search parameters");
        r.sp();
        if (options.isEmpty()) options.add(Option.ALL);
        return Optional.of(new SearchReturn(options));
    }

    private static Option option(ArgumentReader r) {
        int c = r.peek();
        if (c == -1) throw new ImapSyntaxException("Missing ')'");
        if (!ArgumentReader.isAtomChar(c)) throw new ImapSyntaxException("SEARCH return options contain non-atoms");
        return switch (r.keyword()) {
            case "MIN" -> Option.MIN;
            case "MAX" -> Option.MAX;
            case "ALL" -> Option.ALL;
            case "COUNT" -> Option.COUNT;
            case "SAVE" -> Option.SAVE;
            default -> throw new ImapSyntaxException("Unknown SEARCH return option");
        };
    }
}
