package org.loftmail.core.storage;

/**
 * The server will not open this user's mail: a uid outside first_valid_uid..last_valid_uid, a mail location or home
 * refused after {@code %} expansion, or the userdb lookup that follows a login failed. The reason has already been
 * logged where it was found (in Dovecot's shape); protocols answer with a fixed temporary failure.
 */
public class UserRefusedException extends MailStorageException {

    private final boolean userdbFailed;

    public UserRefusedException(String message, boolean userdbFailed) {
        super(message);
        this.userdbFailed = userdbFailed;
    }

    /**
     * True when the userdb lookup after a successful authentication failed (the user is in no userdb, or the userdb
     * is unreachable): Dovecot ends that login as an internal login failure, not as a mail-process error.
     */
    public boolean userdbFailed() {
        return userdbFailed;
    }
}
