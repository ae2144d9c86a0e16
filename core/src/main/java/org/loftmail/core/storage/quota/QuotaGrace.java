package org.loftmail.core.storage.quota;

/** {@code quota_grace}: how far one save may go over the limit; an absolute size or a percentage of the limit. */
public record QuotaGrace(long bytes, int percent) {

    public static QuotaGrace parse(String value) {
        String v = value.trim();
        if (v.endsWith("%")) {
            int p = Integer.parseInt(v.substring(0, v.length() - 1).trim());
            if (p < 0 || p > 1000) throw new IllegalArgumentException("bad quota_grace percentage: " + value);
            return new QuotaGrace(0, p);
        }
        return new QuotaGrace(QuotaRule.parseSize(v), -1);
    }

    public long of(long limit) {
        return percent >= 0 ? limit * percent / 100 : bytes;
    }
}
