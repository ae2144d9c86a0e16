package org.loftmail.core.storage;

import org.loftmail.core.mail.MailboxName;

/** No such mailbox (IMAP {@code [NONEXISTENT]}, or {@code [TRYCREATE]} for APPEND/COPY/MOVE targets). */
public final class MailboxNotFoundException extends MailStorageException {
    public MailboxNotFoundException(MailboxName name) {
        super("Mailbox doesn't exist: " + name);
    }
}
