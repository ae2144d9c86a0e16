package org.loftmail.bench;

import java.util.Arrays;

/** Operation latencies of one scenario (nanoseconds), merged from every worker. Thread-safe. */
final class Latencies {

    private long[] values = new long[1024];
    private int count;
    private long errors;

    synchronized void record(long nanos) {
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = nanos;
    }

    synchronized void error() {
        errors++;
    }

    synchronized int count() {
        return count;
    }

    synchronized long errors() {
        return errors;
    }

    /** The {@code q}-quantile in milliseconds (0.5 = median). */
    synchronized double quantileMillis(double q) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        int index = (int) Math.min(count - 1, Math.max(0, Math.ceil(q * count) - 1));
        return sorted[index] / 1e6;
    }
}
