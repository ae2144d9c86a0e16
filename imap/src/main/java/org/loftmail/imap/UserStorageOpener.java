package org.loftmail.imap;

import org.loftmail.auth.AuthResult;
import org.loftmail.auth.ClientInfo;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.MailStorageException;

/**
 * Opens the mail of a user who just logged in: the userdb lookup, {@code mail_location} expansion and the storage
 * backend are the server's wiring, shared with POP3.
 */
@FunctionalInterface
public interface UserStorageOpener {

    /** @throws MailStorageException when the user's mail cannot be opened (the login then fails as Dovecot's does) */
    MailStorage open(AuthResult.Success login, ClientInfo client) throws MailStorageException;
}
