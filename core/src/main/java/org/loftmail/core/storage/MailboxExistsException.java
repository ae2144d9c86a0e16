package org.loftmail.core.storage;

import org.loftmail.core.mail.MailboxName;

/** CREATE or RENAME onto an existing mailbox (IMAP {@code [ALREADYEXISTS]}). */
public final class MailboxExistsException extends MailStorageException {
    public MailboxExistsException(MailboxName name) {
        super("Mailbox already exists: " + name);
    }
}
