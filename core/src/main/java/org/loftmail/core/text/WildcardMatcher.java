package org.loftmail.core.text;

import java.util.Arrays;

/**
 * A wildcard pattern ({@code *} any run, {@code %} a run without one separator, {@code ?} one character, the rest
 * literal) matched in O(n·m) time and O(m) space for an input of n and a pattern of m code points, whatever the
 * pattern. It replaces translating user-supplied masks into {@code java.util.regex}, whose backtracking is
 * exponential in the number of wildcards ({@code *a*a*a*a*a*a*ab} against a long run of {@code a} took minutes).
 *
 * <p>Matching simulates the pattern as a set of positions (a Thompson NFA): each input code point moves every live
 * position at most one step, so no position is ever tried twice for the same input offset. Dovecot's
 * {@code imap-match.c} gets the same bound by backtracking to the last star only; the position set gives it for
 * {@code %} too, which may not cross the separator and so cannot be handled by "last star" alone.
 *
 * <p>Instances are immutable and thread-safe. Build them with {@link #builder()} (LIST patterns, Sieve's
 * {@code :matches}) or {@link #glob(String)} for the plain {@code *}/{@code ?} masks of user listings and
 * configuration.
 */
public final class WildcardMatcher {

    private static final int ANY_RUN = -1;
    private static final int RUN_WITHOUT_SEPARATOR = -2;
    private static final int ANY_ONE = -3;

    /** Per pattern position: a literal code point (>= 0) or one of the wildcard kinds above. */
    private final int[] ops;
    /** Per pattern position: whether a literal compares ignoring case (IMAP's INBOX prefix, Sieve comparators). */
    private final boolean[] ignoreCase;
    private final int separator;
    /** Code points any match needs at least (literals and {@code ?}): a shorter input is rejected at once. */
    private final int minLength;

    private WildcardMatcher(int[] ops, boolean[] ignoreCase, int separator) {
        this.ops = ops;
        this.ignoreCase = ignoreCase;
        this.separator = separator;
        int min = 0;
        for (int op : ops) if (op >= 0 || op == ANY_ONE) min++;
        this.minLength = min;
    }

    /** A case-sensitive mask where {@code *} is any run and {@code ?} any one character (Dovecot's wildcard_match). */
    public static WildcardMatcher glob(String mask) {
        Builder b = builder();
        mask.codePoints().forEach(c -> {
            if (c == '*') b.anyRun();
            else if (c == '?') b.anyOne();
            else b.literal(c, false);
        });
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether the whole input matches the whole pattern. */
    public boolean matches(CharSequence input) {
        return run(input, null);
    }

    /**
     * {@link #matches} that also counts how many (position, code point) pairs it visited into {@code steps[0]}: the
     * work done, which never exceeds (n + 1)·(m + 1). Tests use it to prove the bound without timing anything.
     */
    public boolean matches(CharSequence input, long[] steps) {
        return run(input, steps);
    }

    /** The number of pattern positions after merging adjacent wildcards (the m of the bound). */
    public int size() {
        return ops.length;
    }

    private boolean run(CharSequence input, long[] steps) {
        int m = ops.length;
        if (Character.codePointCount(input, 0, input.length()) < minLength) return false;
        boolean[] live = new boolean[m + 1];
        boolean[] next = new boolean[m + 1];
        live[0] = true;
        closeOverEmptyRuns(live);
        long work = 0;
        for (int i = 0; i < input.length(); ) {
            int c = Character.codePointAt(input, i);
            i += Character.charCount(c);
            Arrays.fill(next, false);
            boolean any = false;
            for (int p = 0; p < m; p++) {
                if (!live[p]) continue;
                work++;
                int op = ops[p];
                if (op == ANY_RUN || op == RUN_WITHOUT_SEPARATOR && c != separator) {
                    next[p] = true;
                    any = true;
                } else if (op == ANY_ONE || op >= 0 && literalMatches(p, c)) {
                    next[p + 1] = true;
                    any = true;
                }
            }
            if (!any) {
                if (steps != null) steps[0] += work;
                return false;
            }
            closeOverEmptyRuns(next);
            boolean[] t = live;
            live = next;
            next = t;
        }
        if (steps != null) steps[0] += work + 1;
        return live[m];
    }

    /** A run wildcard may match nothing, so a live position before one makes the position after it live too. */
    private void closeOverEmptyRuns(boolean[] positions) {
        for (int p = 0; p < ops.length; p++) {
            if (positions[p] && (ops[p] == ANY_RUN || ops[p] == RUN_WITHOUT_SEPARATOR)) positions[p + 1] = true;
        }
    }

    private boolean literalMatches(int p, int c) {
        int want = ops[p];
        if (want == c) return true;
        return ignoreCase[p] && (Character.toUpperCase(want) == Character.toUpperCase(c)
                || Character.toLowerCase(want) == Character.toLowerCase(c));
    }

    /** Builds a pattern element by element; adjacent run wildcards merge ({@code **}, {@code *%} and {@code %*} are {@code *}). */
    public static final class Builder {
        private int[] ops = new int[16];
        private boolean[] ignoreCase = new boolean[16];
        private int size;
        private int separator = -1;

        private Builder() {}

        public Builder literal(int codePoint, boolean ignoringCase) {
            add(codePoint, ignoringCase);
            return this;
        }

        public Builder literals(String text, boolean ignoringCase) {
            text.codePoints().forEach(c -> add(c, ignoringCase));
            return this;
        }

        /** {@code *}: any run of code points, the empty one included. */
        public Builder anyRun() {
            if (size > 0 && (ops[size - 1] == ANY_RUN || ops[size - 1] == RUN_WITHOUT_SEPARATOR)) {
                ops[size - 1] = ANY_RUN;
            } else {
                add(ANY_RUN, false);
            }
            return this;
        }

        /** {@code %}: any run that does not contain {@code separatorCodePoint}, the empty one included. */
        public Builder runWithout(int separatorCodePoint) {
            if (separator >= 0 && separator != separatorCodePoint) {
                throw new IllegalArgumentException("one pattern has one separator");
            }
            separator = separatorCodePoint;
            if (size > 0 && (ops[size - 1] == ANY_RUN || ops[size - 1] == RUN_WITHOUT_SEPARATOR)) return this;
            add(RUN_WITHOUT_SEPARATOR, false);
            return this;
        }

        /** {@code ?}: exactly one code point. */
        public Builder anyOne() {
            add(ANY_ONE, false);
            return this;
        }

        public WildcardMatcher build() {
            return new WildcardMatcher(Arrays.copyOf(ops, size), Arrays.copyOf(ignoreCase, size), separator);
        }

        private void add(int op, boolean ic) {
            if (size == ops.length) {
                ops = Arrays.copyOf(ops, size * 2);
                ignoreCase = Arrays.copyOf(ignoreCase, size * 2);
            }
            ops[size] = op;
            ignoreCase[size++] = ic;
        }
    }
}
