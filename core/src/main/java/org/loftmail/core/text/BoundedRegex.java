package org.loftmail.core.text;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A {@code java.util.regex} search with a budget. Where the pattern is the administrator's but the text the user's
 * (Dovecot's {@code %{if;…;~;…}}, later Sieve's {@code :regex}), a pattern such as {@code ^(a|aa)+$} backtracks
 * exponentially on a crafted value. The engine reads the input only through {@link CharSequence#charAt}, so counting
 * those reads bounds the work: past the budget the search stops with {@link TooCostlyException} instead of holding a
 * thread for hours.
 */
public final class BoundedRegex {

    /** Reads of the input allowed per search: far beyond any sane pattern on a user name or header value. */
    public static final long DEFAULT_BUDGET = 5_000_000;
    /** Longer patterns are refused: compiling a huge one overflows the stack. */
    public static final int MAX_PATTERN_LENGTH = 4096;

    /** The search gave up: the pattern is too costly for the input (or too long to compile safely). */
    public static final class TooCostlyException extends IllegalArgumentException {
        TooCostlyException(String message) {
            super(message);
        }
    }

    private BoundedRegex() {}

    /**
     * Whether {@code regex} is found in {@code input}.
     *
     * @throws PatternSyntaxException if the pattern is invalid
     * @throws TooCostlyException if the pattern is longer than {@link #MAX_PATTERN_LENGTH} or the search needed
     *         more than {@code budget} reads of the input
     */
    public static boolean find(String regex, CharSequence input, long budget) {
        if (regex.length() > MAX_PATTERN_LENGTH) {
            throw new TooCostlyException("regular expression too long (" + regex.length() + " characters)");
        }
        Pattern p = Pattern.compile(regex);
        return p.matcher(new Counted(input, budget)).find();
    }

    /** The input as the engine sees it: every read counted against the budget. */
    private static final class Counted implements CharSequence {
        private final CharSequence text;
        private final long[] left;

        Counted(CharSequence text, long budget) {
            this(text, new long[] {budget});
        }

        private Counted(CharSequence text, long[] left) {
            this.text = text;
            this.left = left;
        }

        @Override
        public char charAt(int index) {
            if (--left[0] < 0) throw new TooCostlyException("regular expression too costly for this input");
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Counted(text.subSequence(start, end), left);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
