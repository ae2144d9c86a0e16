package org.loftmail.core.storage;

/**
 * One resource of a quota root: {@code STORAGE} in bytes (IMAP reports KiB) or {@code MESSAGE} as a count.
 * {@code limit} is -1 when unlimited.
 */
public record QuotaResource(String name, long usage, long limit) {
    public static final String STORAGE = "STORAGE";
    public static final String MESSAGE = "MESSAGE";

    public boolean unlimited() {
        return limit < 0;
    }
}
