package org.loftmail.core.mail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.LongStream;

/**
 * An immutable set of message UIDs (1 .. 2^32-1) kept as sorted, merged, inclusive ranges, so that
 * {@code 1:100000} costs two longs. Also usable for any set of message numbers (sequence numbers) where a
 * range value is needed. IMAP's sequence-set syntax with {@code *} and {@code $} is parsed by the IMAP codec;
 * {@link #parse} here only reads the plain form this class prints.
 */
public final class UidSet {

    public static final long MAX = 0xFFFF_FFFFL;
    public static final UidSet EMPTY = new UidSet(new long[0]);

    /** Pairs: ranges[2i] = start, ranges[2i+1] = end (inclusive); sorted, disjoint, not adjacent. */
    private final long[] ranges;

    private UidSet(long[] ranges) {
        this.ranges = ranges;
    }

    public static UidSet of(long... uids) {
        Builder b = new Builder();
        for (long u : uids) b.add(u);
        return b.build();
    }

    public static UidSet of(Collection<Long> uids) {
        Builder b = new Builder();
        for (long u : uids) b.add(u);
        return b.build();
    }

    /** The inclusive range {@code from:to} (either order, as IMAP allows). */
    public static UidSet range(long from, long to) {
        return new Builder().addRange(from, to).build();
    }

    /** Parses {@code 1:3,7,9:12}; no {@code *}. Throws IllegalArgumentException when malformed. */
    public static UidSet parse(String text) {
        Builder b = new Builder();
        for (String part : text.split(",", -1)) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                b.add(number(part));
            } else {
                b.addRange(number(part.substring(0, colon)), number(part.substring(colon + 1)));
            }
        }
        return b.build();
    }

    private static long number(String s) {
        if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not a message number: " + s.replaceAll("[^\\x21-\\x7e]", "?"));
        }
        return Long.parseLong(s);
    }

    public boolean isEmpty() {
        return ranges.length == 0;
    }

    public boolean contains(long uid) {
        int lo = 0;
        int hi = ranges.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (uid < ranges[2 * mid]) hi = mid - 1;
            else if (uid > ranges[2 * mid + 1]) lo = mid + 1;
            else return true;
        }
        return false;
    }

    /** Number of UIDs in the set. */
    public long size() {
        long n = 0;
        for (int i = 0; i < ranges.length; i += 2) n += ranges[i + 1] - ranges[i] + 1;
        return n;
    }

    public long first() {
        if (isEmpty()) throw new IllegalStateException("empty set");
        return ranges[0];
    }

    public long last() {
        if (isEmpty()) throw new IllegalStateException("empty set");
        return ranges[ranges.length - 1];
    }

    /** The ranges as {@code [start, end]} pairs. */
    public List<long[]> ranges() {
        List<long[]> out = new ArrayList<>(ranges.length / 2);
        for (int i = 0; i < ranges.length; i += 2) out.add(new long[] {ranges[i], ranges[i + 1]});
        return out;
    }

    public LongStream stream() {
        LongStream s = LongStream.empty();
        for (int i = 0; i < ranges.length; i += 2) s = LongStream.concat(s, LongStream.rangeClosed(ranges[i], ranges[i + 1]));
        return s;
    }

    public UidSet union(UidSet other) {
        Builder b = new Builder();
        for (int i = 0; i < ranges.length; i += 2) b.addRange(ranges[i], ranges[i + 1]);
        for (int i = 0; i < other.ranges.length; i += 2) b.addRange(other.ranges[i], other.ranges[i + 1]);
        return b.build();
    }

    public UidSet intersect(UidSet other) {
        Builder b = new Builder();
        int i = 0;
        int j = 0;
        while (i < ranges.length && j < other.ranges.length) {
            long lo = Math.max(ranges[i], other.ranges[j]);
            long hi = Math.min(ranges[i + 1], other.ranges[j + 1]);
            if (lo <= hi) b.addRange(lo, hi);
            if (ranges[i + 1] < other.ranges[j + 1]) i += 2;
            else j += 2;
        }
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UidSet u && Arrays.equals(ranges, u.ranges);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ranges);
    }

    /** IMAP form, e.g. {@code 1:3,7}; empty string for the empty set. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ranges.length; i += 2) {
            if (i > 0) sb.append(',');
            sb.append(ranges[i]);
            if (ranges[i + 1] != ranges[i]) sb.append(':').append(ranges[i + 1]);
        }
        return sb.toString();
    }

    /** Collects numbers and ranges in any order. */
    public static final class Builder {
        private long[] buf = new long[16];
        private int n;

        public Builder add(long uid) {
            return addRange(uid, uid);
        }

        public Builder addRange(long from, long to) {
            long lo = Math.min(from, to);
            long hi = Math.max(from, to);
            if (lo < 1 || hi > MAX) throw new IllegalArgumentException("message number out of range: " + from + ":" + to);
            if (n == buf.length) buf = Arrays.copyOf(buf, n * 2);
            buf[n++] = lo;
            buf[n++] = hi;
            return this;
        }

        public UidSet build() {
            int count = n / 2;
            Integer[] order = new Integer[count];
            for (int i = 0; i < count; i++) order[i] = i;
            boolean sorted = true;
            for (int i = 1; i < count && sorted; i++) sorted = buf[2 * i] > buf[2 * i - 1] + 1;
            if (!sorted) Arrays.sort(order, (a, b) -> Long.compare(buf[2 * a], buf[2 * b]));
            long[] out = new long[n];
            int m = 0;
            for (int k = 0; k < count; k++) {
                long lo = buf[2 * order[k]];
                long hi = buf[2 * order[k] + 1];
                if (m > 0 && lo <= out[m - 1] + 1) {
                    out[m - 1] = Math.max(out[m - 1], hi);
                } else {
                    out[m++] = lo;
                    out[m++] = hi;
                }
            }
            return m == 0 ? EMPTY : new UidSet(Arrays.copyOf(out, m));
        }
    }
}
