package org.loftmail.core.storage;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.loftmail.core.mail.MailboxName;

/**
 * One user's mail, opened by {@link MailStorageProvider#open}. Used by one session (or one delivery); several
 * may be open for the same user at once, in this process and in others. Names are namespace-relative
 * {@link MailboxName}s; {@link Namespace#parse} turns a client's name into one. Invalid names throw
 * {@link org.loftmail.core.mail.InvalidMailboxNameException} (unchecked, map it to NO).
 */
public interface MailStorage extends AutoCloseable {

    StorageUser user();

    /** The namespaces, the INBOX namespace first. */
    List<Namespace> namespaces();

    /** Every mailbox, plus \Noselect parents that exist only to hold children; INBOX first. */
    List<MailboxInfo> list() throws MailStorageException;

    Optional<MailboxInfo> info(MailboxName name) throws MailStorageException;

    /** A handle on an existing, selectable mailbox. */
    Mailbox mailbox(MailboxName name) throws MailStorageException;

    /** Creates the mailbox and any missing parents. {@code specialUse} is CREATE-SPECIAL-USE's (RFC 6154). */
    void create(MailboxName name, Set<SpecialUse> specialUse) throws MailStorageException;

    /** Deletes a mailbox and its messages; its children stay (the parent becomes \Noselect if it has some). */
    void delete(MailboxName name) throws MailStorageException;

    /** Renames a mailbox with its children; renaming INBOX moves its messages into a new mailbox (RFC 3501). */
    void rename(MailboxName from, MailboxName to) throws MailStorageException;

    Set<MailboxName> subscriptions() throws MailStorageException;

    void subscribe(MailboxName name) throws MailStorageException;

    void unsubscribe(MailboxName name) throws MailStorageException;

    /** The quota roots that apply to a mailbox (GETQUOTAROOT); empty when quota is off. */
    List<QuotaRoot> quotaRoots(MailboxName name) throws MailStorageException;

    /**
     * True when a quota applies to this user (IMAP advertises QUOTA only then, as Dovecot does only with its quota
     * plugins). Backends that know it without computing usage should say so directly.
     */
    default boolean quotaEnabled() throws MailStorageException {
        return !quotaRoots(MailboxName.INBOX).isEmpty();
    }

    /** Throws {@link OverQuotaException} when adding {@code bytes} in {@code count} messages would exceed quota. */
    void checkQuota(MailboxName target, long bytes, int count) throws MailStorageException;

    /**
     * {@code pop3_lock_session}: takes this user's POP3 session lock, which every POP3 server sharing the storage
     * respects (Loft in any process, and Dovecot), waiting at most {@code wait}. Empty when another session
     * keeps it that long. The lock lasts until closed, however long the session.
     */
    Optional<HeldLock> lockPop3Session(Duration wait) throws MailStorageException;

    @Override
    void close();
}
