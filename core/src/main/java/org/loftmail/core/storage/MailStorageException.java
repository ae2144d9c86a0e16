package org.loftmail.core.storage;

import java.io.IOException;

/**
 * Something the storage could not do. Subclasses say why in a way protocols map to response codes; the message
 * is safe to log but protocols send fixed texts, not this message.
 */
public class MailStorageException extends IOException {
    public MailStorageException(String message) {
        super(message);
    }

    public MailStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
