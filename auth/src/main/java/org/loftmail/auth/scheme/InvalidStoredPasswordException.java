package org.loftmail.auth.scheme;

/**
 * A stored password that cannot be checked: unknown scheme, broken encoding, wrong length, bad
 * parameters. The message describes the problem and never contains the password or hash.
 */
public final class InvalidStoredPasswordException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidStoredPasswordException(String message) {
        super(message);
    }
}
