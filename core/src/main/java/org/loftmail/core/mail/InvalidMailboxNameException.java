package org.loftmail.core.mail;

/** A mailbox name that no backend accepts; protocols answer NO (IMAP {@code [CANNOT]}). */
public final class InvalidMailboxNameException extends IllegalArgumentException {
    public InvalidMailboxNameException(String message) {
        super(message);
    }
}
