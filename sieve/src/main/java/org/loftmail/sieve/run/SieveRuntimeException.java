package org.loftmail.sieve.run;

/**
 * The script failed while running (a limit exceeded, conflicting actions, a bad value): Pigeonhole's runtime error.
 * The delivery keeps the message in INBOX and logs the message.
 */
public final class SieveRuntimeException extends RuntimeException {

    public SieveRuntimeException(String message) {
        super(message);
    }
}
