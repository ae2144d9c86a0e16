package org.loftmail.pop3;

import org.loftmail.auth.UserInfo;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.MailStorageException;

/**
 * Opens a logged-in user's mail: the server expands {@code mail_location} (or the userdb's {@code mail} field)
 * for the user and hands it to the storage registry. Called on the session's virtual thread; may block.
 */
@FunctionalInterface
public interface UserStorageOpener {

    MailStorage open(UserInfo user) throws MailStorageException;
}
