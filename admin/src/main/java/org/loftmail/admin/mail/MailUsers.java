package org.loftmail.admin.mail;

import java.util.List;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.MailStorageException;

/**
 * Opens users' mail for the mail commands: through the userdb (as {@code service=doveadm}) and the configured
 * {@code mail_location}. The server provides two: one over its own running storage (commands that came over the
 * admin socket) and one it builds from the configuration when no server runs; both take the storage's own locks.
 */
public interface MailUsers extends AutoCloseable {

    /**
     * @throws UnknownUserException when no userdb knows the user
     * @throws MailStorageException when the lookup or the storage failed (a temporary failure)
     */
    MailStorage open(String user) throws UnknownUserException, MailStorageException;

    /**
     * Another mail location of the user's ({@code maildir:/old/%u}, {@code mbox:~/mail:INBOX=/var/mail/%u}), with
     * {@code %} variables expanded for the user and the same checks as their own mail.
     */
    MailStorage openAt(String user, String location) throws UnknownUserException, MailStorageException;

    /**
     * Makes {@code destLocation} a copy of the user's mail that keeps UIDVALIDITY, UIDs, flags, keywords, INTERNALDATE
     * and POP3 UIDLs ({@code adm backup}); returns a one-line summary.
     */
    String backup(String user, String destLocation) throws UnknownUserException, MailStorageException;

    /** The user's Sieve scripts ({@code adm sieve}). */
    SieveAccess sieve(String user) throws UnknownUserException, org.loftmail.sieve.store.SieveStoreException,
            MailStorageException;

    /** The compiler configured for {@code protocol sieve} ({@code adm sieve check}). */
    org.loftmail.sieve.compile.SieveCompiler sieveCompiler();

    /** Every user the userdbs can list ({@code -A}); fails when no userdb can iterate. */
    List<String> iterate() throws MailStorageException;

    @Override
    default void close() {}
}
