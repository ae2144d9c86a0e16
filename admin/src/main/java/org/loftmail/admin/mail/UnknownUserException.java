package org.loftmail.admin.mail;

/** No userdb knows the user (doveadm's exit code 67). */
public final class UnknownUserException extends Exception {
    public UnknownUserException(String user) {
        super("User doesn't exist: " + user);
    }
}
