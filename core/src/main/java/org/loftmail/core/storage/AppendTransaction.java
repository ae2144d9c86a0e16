package org.loftmail.core.storage;

import java.io.InputStream;
import java.util.List;

/**
 * Several saves that become visible together or not at all (IMAP MULTIAPPEND, RFC 3502): each {@link #add}
 * writes its message durably aside; {@link #commit} makes them all visible under consecutive UIDs; closing
 * without a commit discards them. Used by one session at a time.
 */
public interface AppendTransaction extends AutoCloseable {

    /** Reads one message to its end (the stream is not closed) and keeps it aside. */
    void add(InputStream message, AppendRequest request) throws MailStorageException;

    /**
     * Makes every added message visible, in order; checks quota for the whole batch first.
     *
     * @return one result per {@link #add}, in order
     * @throws OverQuotaException when the batch would exceed quota (nothing is saved)
     */
    List<AppendResult> commit() throws MailStorageException;

    /** Discards whatever was added and not committed. */
    @Override
    void close();
}
