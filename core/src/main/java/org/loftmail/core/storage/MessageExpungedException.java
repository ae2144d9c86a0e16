package org.loftmail.core.storage;

/** The message was expunged by someone else; its record is still in the view (IMAP {@code [EXPUNGEISSUED]}). */
public final class MessageExpungedException extends MailStorageException {
    public MessageExpungedException(long uid) {
        super("Message UID " + uid + " was expunged");
    }
}
