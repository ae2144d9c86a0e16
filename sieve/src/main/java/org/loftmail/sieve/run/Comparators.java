package org.loftmail.sieve.run;

import java.math.BigInteger;

/**
 * The comparators of RFC 4790 that Sieve requires (RFC 5228 section 2.7.3): {@code i;octet} (exact),
 * {@code i;ascii-casemap} (ASCII letters folded) and {@code i;ascii-numeric} (RFC 2244 section 3.4.10: the leading
 * digits as a number; a value without leading digits is positive infinity).
 */
final class Comparators {

    private Comparators() {}

    static char fold(String comparator, char c) {
        if (comparator.equals("i;ascii-casemap") && c >= 'A' && c <= 'Z') return (char) (c + 32);
        return c;
    }

    static boolean equal(String comparator, String a, String b) {
        return switch (comparator) {
            case "i;octet" -> a.equals(b);
            case "i;ascii-numeric" -> compare(comparator, a, b) == 0;
            default -> a.length() == b.length() && a.regionMatches(true, 0, b, 0, a.length()) && asciiEqual(a, b);
        };
    }

    private static boolean asciiEqual(String a, String b) {
        for (int i = 0; i < a.length(); i++) {
            if (fold("i;ascii-casemap", a.charAt(i)) != fold("i;ascii-casemap", b.charAt(i))) return false;
        }
        return true;
    }

    static boolean contains(String comparator, String value, String key) {
        if (key.isEmpty()) return true;
        outer:
        for (int i = 0; i + key.length() <= value.length(); i++) {
            for (int j = 0; j < key.length(); j++) {
                if (fold(comparator, value.charAt(i + j)) != fold(comparator, key.charAt(j))) continue outer;
            }
            return true;
        }
        return false;
    }

    /** Ordering for {@code :value} and {@code :count}. */
    static int compare(String comparator, String a, String b) {
        if (comparator.equals("i;ascii-numeric")) {
            BigInteger x = numeric(a);
            BigInteger y = numeric(b);
            if (x == null) return y == null ? 0 : 1;
            if (y == null) return -1;
            return x.compareTo(y);
        }
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            int d = fold(comparator, a.charAt(i)) - fold(comparator, b.charAt(i));
            if (d != 0) return d;
        }
        return a.length() - b.length();
    }

    /** The value's leading digits, or null (infinity) when it has none. */
    static BigInteger numeric(String s) {
        int end = 0;
        while (end < s.length() && s.charAt(end) >= '0' && s.charAt(end) <= '9' && end < 1000) end++;
        return end == 0 ? null : new BigInteger(s.substring(0, end));
    }

    static boolean relation(String relation, int cmp) {
        return switch (relation) {
            case "gt" -> cmp > 0;
            case "ge" -> cmp >= 0;
            case "lt" -> cmp < 0;
            case "le" -> cmp <= 0;
            case "eq" -> cmp == 0;
            case "ne" -> cmp != 0;
            default -> false;
        };
    }
}
