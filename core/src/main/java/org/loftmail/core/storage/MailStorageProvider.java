package org.loftmail.core.storage;

/**
 * One per backend driver and process (created by {@code server} with the storage settings). It owns what all
 * of a process's sessions share: the in-process change feed and in-memory mailbox state, so that an IDLE in one
 * session hears another session's delivery at once. Thread-safe.
 */
public interface MailStorageProvider extends AutoCloseable {

    /** The {@code mail_location} driver name this provider serves: {@code maildir}, {@code mbox}. */
    String driver();

    /**
     * Opens the user's storage. Creates the mail root (and INBOX) when missing, as Dovecot does on first login.
     *
     * @throws MailStorageException when the location is unusable (bad syntax, permissions)
     */
    MailStorage open(StorageUser user) throws MailStorageException;

    @Override
    default void close() {}
}
