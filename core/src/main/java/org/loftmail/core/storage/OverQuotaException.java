package org.loftmail.core.storage;

/** The change would exceed a quota limit (IMAP {@code [OVERQUOTA]}, LMTP 552 5.2.2 or 452 4.2.2). */
public final class OverQuotaException extends MailStorageException {
    public OverQuotaException(String message) {
        super(message);
    }
}
