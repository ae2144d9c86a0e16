package org.loftmail.sieve.run;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * {@code :matches} (RFC 5228 section 2.7.1: {@code *}, {@code ?}, backslash escapes) with the match variables of
 * RFC 5229 section 3.2, where each wildcard takes as little as possible from left to right. No backtracking: one
 * pass from the end records, per pattern position, which input positions can still complete the match
 * (O(n·m) bits and steps, bounded by {@link #MAX_CELLS}); a second pass walks forward choosing the shortest run for
 * each {@code *}.
 */
final class WildcardCapture {

    /** Past this many cells (pattern tokens × input length) the match fails as too costly. */
    static final long MAX_CELLS = 64L * 1024 * 1024;

    private WildcardCapture() {}

    private static final char STAR = '\uFFFF';
    private static final char ONE = '\uFFFE';

    /** The captured wildcards (index 0 is the whole value), or null when the value does not match. */
    static List<String> match(String pattern, String value, String comparator) {
        // tokens: STAR, ONE, or a literal; literals are flagged via a parallel boolean array
        StringBuilder tokens = new StringBuilder();
        List<Boolean> literal = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                tokens.append(pattern.charAt(++i));
                literal.add(true);
            } else if (c == '*') {
                tokens.append(STAR);
                literal.add(false);
            } else if (c == '?') {
                tokens.append(ONE);
                literal.add(false);
            } else {
                tokens.append(c);
                literal.add(true);
            }
        }
        int m = tokens.length();
        int n = value.length();
        if ((long) (m + 1) * (n + 1) > MAX_CELLS) {
            throw new SieveRuntimeException("match pattern too costly for this value");
        }
        // ok[j] has bit i set when tokens[j..] matches value[i..]
        BitSet[] ok = new BitSet[m + 1];
        ok[m] = new BitSet(n + 1);
        ok[m].set(n);
        for (int j = m - 1; j >= 0; j--) {
            BitSet next = ok[j + 1];
            BitSet cur = new BitSet(n + 1);
            char t = tokens.charAt(j);
            boolean lit = literal.get(j);
            if (!lit && t == STAR) {
                boolean any = false;
                for (int i = n; i >= 0; i--) {
                    any |= next.get(i);
                    if (any) cur.set(i);
                }
            } else {
                for (int i = next.nextSetBit(1); i >= 0; i = next.nextSetBit(i + 1)) {
                    char v = value.charAt(i - 1);
                    if ((!lit && t == ONE) || Comparators.fold(comparator, v) == Comparators.fold(comparator, t)) {
                        cur.set(i - 1);
                    }
                }
            }
            ok[j] = cur;
        }
        if (!ok[0].get(0)) return null;
        List<String> captures = new ArrayList<>();
        captures.add(value);
        int i = 0;
        for (int j = 0; j < m; j++) {
            char t = tokens.charAt(j);
            boolean lit = literal.get(j);
            if (!lit && t == STAR) {
                int k = ok[j + 1].nextSetBit(i);
                captures.add(value.substring(i, k));
                i = k;
            } else {
                if (!lit) captures.add(value.substring(i, i + 1));
                i++;
            }
        }
        return captures;
    }
}
