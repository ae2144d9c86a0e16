package org.loftmail.core.storage;

/**
 * A request the mailbox refuses by rule rather than by failure: deleting INBOX, a read-only view asked to
 * write, a 27th keyword where file names hold only 26 (IMAP {@code [CANNOT]} or plain NO).
 */
public final class MailboxOperationException extends MailStorageException {
    public MailboxOperationException(String message) {
        super(message);
    }
}
