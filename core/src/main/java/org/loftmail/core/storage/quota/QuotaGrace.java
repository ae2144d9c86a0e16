package org.loftmail.core.storage.quota;

/**
 * {@code quota_grace}: how far one save may go over the limit; an absolute size ({@code 10M}) or a percentage of
 * the limit ({@code 10%}). The value here is the expanded one: {@code 10%%} in a configuration file is a
 * template, and {@link QuotaSettingsBinder} expands it to {@code 10%} first, as Dovecot does.
 */
public record QuotaGrace(long bytes, int percent) {

    public static QuotaGrace parse(String value) {
        String v = value.trim();
        if (v.endsWith("%")) {
            int p;
            try {
                p = Integer.parseInt(v.substring(0, v.length() - 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad quota_grace value: " + value);
            }
            if (p < 0 || p > 1000) throw new IllegalArgumentException("bad quota_grace percentage: " + value);
            return new QuotaGrace(0, p);
        }
        try {
            return new QuotaGrace(QuotaRule.parseSize(v), -1);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException("bad quota_grace value: " + value);
        }
    }

    public long of(long limit) {
        return percent >= 0 ? limit * percent / 100 : bytes;
    }
}
