package org.loftmail.core.storage.quota;

import java.util.Locale;
import java.util.Objects;

/**
 * One {@code quota_rule}: {@code *:storage=1G}, {@code *:messages=10000}, {@code Trash:storage=+100M} (relative to
 * the default rule), {@code Spam:ignore} (not counted). {@code mailbox} is {@code *} for the default rule.
 * Storage is in bytes; -1 means "not set by this rule".
 */
public record QuotaRule(String mailbox, long storage, long messages, boolean relative, boolean ignore) {

    public QuotaRule {
        Objects.requireNonNull(mailbox, "mailbox");
    }

    public boolean isDefault() {
        return mailbox.equals("*");
    }

    public static QuotaRule parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) throw new IllegalArgumentException("quota_rule needs <mailbox>:<limits>: " + text);
        String mailbox = text.substring(0, colon).trim();
        String spec = text.substring(colon + 1).trim();
        if (spec.equalsIgnoreCase("ignore")) return new QuotaRule(mailbox, -1, -1, false, true);
        if (spec.equalsIgnoreCase("none")) return new QuotaRule(mailbox, 0, 0, false, false);
        long storage = -1;
        long messages = -1;
        boolean relative = false;
        for (String part : spec.split(":")) {
            int eq = part.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("bad quota_rule part: " + part);
            String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = part.substring(eq + 1).trim();
            if (value.startsWith("+")) {
                relative = true;
                value = value.substring(1);
            }
            switch (key) {
                case "storage", "bytes" -> storage = parseSize(value);
                case "messages" -> messages = parseCount(value);
                default -> throw new IllegalArgumentException("unknown quota_rule limit: " + key);
            }
        }
        return new QuotaRule(mailbox, storage, messages, relative, false);
    }

    /** {@code 1G}, {@code 100M}, {@code 512k}, {@code 1024} (bytes), {@code 1T}; 0 means unlimited, as in Dovecot. */
    public static long parseSize(String v) {
        if (v.isEmpty()) throw new IllegalArgumentException("empty size");
        char last = Character.toUpperCase(v.charAt(v.length() - 1));
        long mult = switch (last) {
            case 'B' -> 1;
            case 'K' -> 1024L;
            case 'M' -> 1024L * 1024;
            case 'G' -> 1024L * 1024 * 1024;
            case 'T' -> 1024L * 1024 * 1024 * 1024;
            default -> 0;
        };
        String digits = mult == 0 ? v : v.substring(0, v.length() - 1);
        if (mult == 0) mult = 1;
        return Math.multiplyExact(parseCount(digits.trim()), mult);
    }

    private static long parseCount(String v) {
        if (v.isEmpty() || !v.chars().allMatch(Character::isDigit) || v.length() > 18) {
            throw new IllegalArgumentException("bad number in quota_rule: " + v);
        }
        return Long.parseLong(v);
    }
}
