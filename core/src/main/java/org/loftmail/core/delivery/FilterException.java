package org.loftmail.core.delivery;

/** A filter could not decide. {@code temporary}: try the whole delivery again later; otherwise keep in INBOX. */
public final class FilterException extends Exception {

    private final boolean temporary;

    public FilterException(String message, boolean temporary, Throwable cause) {
        super(message, cause);
        this.temporary = temporary;
    }

    public FilterException(String message, boolean temporary) {
        this(message, temporary, null);
    }

    public boolean temporary() {
        return temporary;
    }
}
