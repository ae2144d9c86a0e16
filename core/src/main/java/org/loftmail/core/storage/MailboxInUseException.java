package org.loftmail.core.storage;

/**
 * Another program kept the mailbox locked longer than the storage waits (mbox's {@code mbox_lock_timeout}): a
 * temporary failure, nothing was changed (IMAP {@code [INUSE]}, as RFC 5530 describes it).
 */
public class MailboxInUseException extends MailStorageException {
    public MailboxInUseException(String message) {
        super(message);
    }
}
