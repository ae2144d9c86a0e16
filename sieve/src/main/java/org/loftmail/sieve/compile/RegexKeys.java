package org.loftmail.sieve.compile;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Sieve's {@code :regex} (draft-ietf-sieve-regex, POSIX extended syntax as Pigeonhole takes it from libc) on
 * {@code java.util.regex}, bounded (docs/adr/0604-sieve-engine.md): POSIX bracket classes are translated, a
 * pattern longer than {@link #MAX_PATTERN_LENGTH} is refused, and every search counts its reads of the input,
 * giving up after {@link #BUDGET} — a catastrophic pattern such as {@code ^(a|aa)+$} fails that one test (the
 * script then fails at run time and the message is kept) instead of holding a delivery thread.
 */
public final class RegexKeys {

    public static final int MAX_PATTERN_LENGTH = 4096;
    public static final long BUDGET = 2_000_000;

    private static final Map<String, String> CLASSES = Map.ofEntries(Map.entry("alpha", "\\p{Alpha}"),
            Map.entry("digit", "0-9"), Map.entry("alnum", "\\p{Alnum}"), Map.entry("upper", "\\p{Upper}"),
            Map.entry("lower", "\\p{Lower}"), Map.entry("space", "\\s\\x0B"), Map.entry("blank", " \\t"),
            Map.entry("punct", "\\p{Punct}"), Map.entry("print", "\\p{Print}"), Map.entry("graph", "\\p{Graph}"),
            Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("xdigit", "0-9A-Fa-f"));

    /** The search gave up: too costly for this input. */
    public static final class TooCostlyException extends RuntimeException {
        public TooCostlyException(String message) {
            super(message);
        }
    }

    private RegexKeys() {}

    /** Compiles a key; {@code i;ascii-casemap} matches case-insensitively (ASCII). */
    public static Pattern compile(String posix, String comparator) {
        if (posix.length() > MAX_PATTERN_LENGTH) {
            throw new IllegalArgumentException("regular expression too long (" + posix.length() + " characters)");
        }
        int flags = comparator.equals("i;ascii-casemap") ? Pattern.CASE_INSENSITIVE : 0;
        return Pattern.compile(translate(posix), flags | Pattern.DOTALL);
    }

    /** The reason in glibc's regerror words, as Pigeonhole reports them, where Java's error maps to one. */
    public static String reason(Exception e) {
        if (!(e instanceof PatternSyntaxException p)) return e.getMessage();
        String d = p.getDescription();
        if (d.startsWith("Unclosed group")) return "unmatched ( or \\(";
        if (d.startsWith("Unmatched closing ')'")) return "unmatched ) or \\)";
        if (d.startsWith("Unclosed character class") || d.startsWith("unmatched [")) {
            return "unmatched [, [^, [:, [., or [=";
        }
        if (d.startsWith("Dangling meta character")) return "invalid preceding regular expression";
        if (d.startsWith("Unexpected internal error") || d.startsWith("Unexpected end")) {
            return "trailing backslash";
        }
        if (d.startsWith("Illegal repetition") || d.startsWith("Unclosed counted closure")) {
            return "invalid content of \\{\\}";
        }
        if (d.startsWith("Illegal character range")) return "invalid range end";
        if (d.startsWith("invalid character class")) return "invalid character class name";
        return d;
    }

    /** Searches {@code input} with a budget; the matcher (for match variables) or null when not found. */
    public static Matcher find(Pattern pattern, String input) {
        Matcher m = pattern.matcher(new Counted(input, new long[] {BUDGET}));
        try {
            return m.find() ? m : null;
        } catch (StackOverflowError e) {
            // java.util.regex recurses per repetition of a group: a long value can exhaust the stack
            throw new TooCostlyException("regular expression too costly for this input (recursion too deep)");
        }
    }

    /** POSIX ERE → Java: bracket expressions keep backslashes and '[' literal; [:class:] names translate. */
    static String translate(String posix) {
        StringBuilder out = new StringBuilder(posix.length() + 8);
        int i = 0;
        while (i < posix.length()) {
            char c = posix.charAt(i);
            if (c == '[') {
                int end = bracketEnd(posix, i);
                if (end < 0) throw new PatternSyntaxException("unmatched [ or [^", posix, i);
                out.append(bracket(posix.substring(i + 1, end)));
                i = end + 1;
            } else if (c == '\\' && i + 1 < posix.length()) {
                out.append(c).append(posix.charAt(i + 1));
                i += 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int bracketEnd(String s, int open) {
        int i = open + 1;
        if (i < s.length() && s.charAt(i) == '^') i++;
        if (i < s.length() && s.charAt(i) == ']') i++;
        while (i < s.length()) {
            if (s.charAt(i) == '[' && i + 1 < s.length() && (s.charAt(i + 1) == ':' || s.charAt(i + 1) == '.'
                    || s.charAt(i + 1) == '=')) {
                int close = s.indexOf(s.charAt(i + 1) + "]", i + 2);
                if (close < 0) return -1;
                i = close + 2;
                continue;
            }
            if (s.charAt(i) == ']') return i;
            i++;
        }
        return -1;
    }

    private static String bracket(String body) {
        StringBuilder b = new StringBuilder("[");
        int i = 0;
        if (body.startsWith("^")) {
            b.append('^');
            i = 1;
        }
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == '[' && i + 1 < body.length() && body.charAt(i + 1) == ':') {
                int close = body.indexOf(":]", i + 2);
                String name = body.substring(i + 2, close);
                String cls = CLASSES.get(name);
                if (cls == null) throw new PatternSyntaxException("invalid character class", body, i);
                b.append(cls);
                i = close + 2;
                continue;
            }
            if (c == '\\' || c == '[' || c == '&' || (c == '^' && i > 0)) b.append('\\');
            b.append(c);
            i++;
        }
        return b.append(']').toString();
    }

    /** The input as the regex engine sees it, every read counted against a shared budget. */
    private record Counted(CharSequence text, long[] left) implements CharSequence {
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
