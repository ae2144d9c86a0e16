package org.loftmail.imap.codec;

import java.util.ArrayList;
import java.util.List;
import org.loftmail.core.mail.UidSet;

/**
 * A sequence set as the client wrote it (RFC 3501 sequence-set, RFC 5182 {@code $}): ranges whose ends may be
 * {@code *} (the largest number in use), or the saved search result. Resolved against a mailbox view by the
 * command layer.
 */
public record SequenceSet(List<Range> ranges, boolean savedResult) {

    /** {@code *} as a range end. */
    public static final long STAR = -1;

    public static final SequenceSet SAVED = new SequenceSet(List.of(), true);

    /** One element: {@code from:to} (or a single number when equal); either end may be {@link #STAR}. */
    public record Range(long from, long to) {
        public Range {
            if (!valid(from) || !valid(to)) throw new ImapSyntaxException("Invalid messageset");
        }

        private static boolean valid(long n) {
            return n == STAR || (n >= 1 && n <= UidSet.MAX);
        }

        @Override
        public String toString() {
            return from == to ? end(from) : end(from) + ":" + end(to);
        }

        private static String end(long n) {
            return n == STAR ? "*" : Long.toString(n);
        }
    }

    public SequenceSet {
        ranges = List.copyOf(ranges);
        if (savedResult != ranges.isEmpty()) throw new IllegalArgumentException("either ranges or $");
    }

    public static SequenceSet parse(String text) {
        if (text.equals("$")) return SAVED;
        if (text.isEmpty()) throw new ImapSyntaxException("Invalid messageset");
        List<Range> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                long n = element(part);
                out.add(new Range(n, n));
            } else {
                out.add(new Range(element(part.substring(0, colon)), element(part.substring(colon + 1))));
            }
        }
        return new SequenceSet(out, false);
    }

    private static long element(String s) {
        if (s.equals("*")) return STAR;
        if (s.isEmpty() || s.length() > 10) throw new ImapSyntaxException("Invalid messageset");
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') throw new ImapSyntaxException("Invalid messageset");
        }
        long v = Long.parseLong(s);
        if (v < 1 || v > UidSet.MAX) throw new ImapSyntaxException("Invalid messageset");
        return v;
    }

    /** True when some range mentions '*'. */
    public boolean usesStar() {
        return ranges.stream().anyMatch(r -> r.from == STAR || r.to == STAR);
    }

    /**
     * The numbers this set names when {@code *} is {@code star}; {@code star} 0 means there is no message, so
     * {@code *} names nothing (a range {@code n:*} then names {@code n} alone). Not for {@code $}.
     */
    public UidSet resolve(long star) {
        if (savedResult) throw new IllegalStateException("$ is resolved by the session");
        UidSet.Builder b = new UidSet.Builder();
        for (Range r : ranges) {
            long from = r.from == STAR ? star : r.from;
            long to = r.to == STAR ? star : r.to;
            if (from == 0 && to == 0) continue;
            if (from == 0) from = to;
            if (to == 0) to = from;
            b.addRange(from, to);
        }
        return b.build();
    }

    /** The largest explicit number (not '*'), 0 when there is none. */
    public long largestNumber() {
        long max = 0;
        for (Range r : ranges) max = Math.max(max, Math.max(r.from, r.to));
        return max;
    }

    @Override
    public String toString() {
        if (savedResult) return "$";
        StringBuilder sb = new StringBuilder();
        for (Range r : ranges) {
            if (!sb.isEmpty()) sb.append(',');
            sb.append(r);
        }
        return sb.toString();
    }
}
