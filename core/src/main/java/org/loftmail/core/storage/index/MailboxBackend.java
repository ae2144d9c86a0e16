package org.loftmail.core.storage.index;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.CopyResult;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.Mailbox;
import org.loftmail.core.storage.MessageRecord;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.search.SearchKey;

/**
 * What a storage backend does for one mailbox; everything else — sequence numbers, sync results, MODSEQs, the
 * expunge history, \Recent, the change feed, SEARCH, the cache, the index files — is the shared index layer's
 * ({@link MailboxIndex}, {@link IndexedSelectedMailbox}). See docs/adr/0303-shared-index-layer-and-backend-contract.md.
 *
 * <p>Rules: the backend changes the index only through {@link MailboxIndex}'s methods and under its lock, calls
 * {@link MailboxIndex#commit()} after each change, and publishes on the index's {@link ChangeFeed} after the
 * lock is released and the change is durable. Methods marked "caller holds the lock" are called with
 * {@code index().lock()} held; the others take it themselves. A record's {@link IndexRecord#location()} is the
 * backend's own string (where the message is now); {@link IndexRecord#key()} its stable name.
 */
public interface MailboxBackend {

    /** The shared index this backend keeps up to date. */
    MailboxIndex index();

    /**
     * Finds changes other programs made on disk and applies them to the index (new messages with their UIDs,
     * flag changes, expunges). Cheap when nothing changed. Caller holds the lock.
     */
    void refresh() throws MailStorageException;

    /** UIDNEXT as the backend knows it. Caller holds the lock. */
    long uidNext();

    /** A writable view took these \Recent messages (Maildir moves them from new/ to cur/). Caller holds the lock. */
    void recentClaimed(Collection<Long> uids) throws MailStorageException;

    /** Flags written by {@link #changeFlags}: the changed messages as they are now, and those skipped by MODSEQ. */
    record FlagWrite(List<MessageRecord> changed, List<Long> skippedByModSeq) {}

    /**
     * Writes new flags: {@code newFlags} computes each message's flags from its current ones; messages with a
     * MODSEQ above {@code unchangedSince} (when ≥ 0) are skipped. Durable before it returns; publishes FLAGS.
     */
    FlagWrite changeFlags(UidSet uids, UnaryOperator<Flags> newFlags, long unchangedSince) throws MailStorageException;

    /**
     * Removes the given messages (only those with \Deleted when {@code onlyDeleted}), updates quota, and publishes
     * EXPUNGED. Returns the UIDs removed.
     */
    UidSet expunge(UidSet uids, boolean onlyDeleted) throws MailStorageException;

    /** COPY of the source view's messages (already limited to the view) into {@code target}. */
    CopyResult copy(SelectedMailbox source, UidSet uids, Mailbox target) throws MailStorageException;

    /**
     * Opens the message stored at {@code location} as stored. {@link java.nio.file.NoSuchFileException} means it
     * moved meanwhile: the caller refreshes and asks again with the new location.
     */
    InputStream open(String location) throws IOException;

    /** Evaluates a key that needs the message's content (BODY, TEXT...) on the message at {@code location}. */
    boolean contentMatches(String location, SearchKey key) throws IOException;

    /** Keywords defined in the mailbox (the FLAGS response). Caller holds the lock. */
    Set<String> keywords();

    /** False when no further keyword can be created. Caller holds the lock. */
    boolean canCreateKeywords();

    /** POP3 UIDLs the backend stores with the messages (Maildir: the uidlist's P field). Caller holds the lock. */
    Map<Long, String> savedPop3Uidls(UidSet uids) throws MailStorageException;

    /** Stores POP3 UIDLs durably; expunged messages and invalid UIDLs are skipped. Caller holds the lock. */
    void savePop3Uidls(Map<Long, String> uidls) throws MailStorageException;

    /** Dovecot's header MD5 of the message (mbox: POP3's {@code %m}); empty when the backend has none. */
    default java.util.Optional<String> headerMd5(IndexRecord record) {
        return java.util.Optional.empty();
    }
}
