package org.loftmail.core.storage;

import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.FlagChange;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.mime.BinaryContent;
import org.loftmail.core.mime.MessageSummary;
import org.loftmail.core.storage.search.SearchKey;

/**
 * One session's view of a mailbox: the sequence-number ↔ UID map and the last state reported to the client.
 * The map changes only in {@link #sync}, so a session decides when EXPUNGE/EXISTS/FETCH FLAGS are sent (IMAP
 * forbids EXPUNGE during FETCH, STORE and SEARCH; POP3 never syncs and keeps a stable snapshot). Not
 * thread-safe: one session uses it serially. Sequence numbers are 1-based.
 */
public interface SelectedMailbox extends AutoCloseable {

    Mailbox mailbox();

    boolean readOnly();

    long uidValidity();

    /** UIDNEXT as of the last sync point. */
    long uidNext();

    /** HIGHESTMODSEQ as of the last sync point. */
    long highestModSeq();

    /** Messages in the view (EXISTS). */
    int count();

    int recentCount();

    /** UID at a sequence number ({@code 1..count()}). */
    long uid(int seq);

    /** Sequence number of a UID, or 0 when it is not in the view. */
    int seq(long uid);

    MessageRecord record(int seq);

    boolean isRecent(long uid);

    /** Sequence number of the first message without \Seen, or 0. */
    int firstUnseen();

    /** Every UID in the view. */
    UidSet uids();

    /** The UIDs at the given sequence numbers; numbers above {@link #count()} are ignored. */
    UidSet uidsAt(UidSet sequenceNumbers);

    /** The view's UIDs that are in {@code uids} (UID FETCH/STORE/COPY ranges such as {@code 1:*}). */
    UidSet existing(UidSet uids);

    /**
     * UIDs expunged after {@code modSeq} (QRESYNC's VANISHED (EARLIER)). When the backend's history does not
     * reach that far back it returns a superset, as RFC 7162 3.2.5.1 allows: every UID below UIDNEXT that is not in
     * the mailbox.
     */
    UidSet expungedSince(long modSeq) throws MailStorageException;

    /** Keywords defined in the mailbox (the FLAGS response). */
    Set<String> keywords();

    /** False when no new keyword can be created (PERMANENTFLAGS without {@code \*}). */
    boolean canCreateKeywords();

    /**
     * Catches up with changes made by anyone since the last sync point. With {@code expungesAllowed} false,
     * expunged messages stay in the map (their content can no longer be read) and are reported later.
     */
    SyncResult sync(boolean expungesAllowed) throws MailStorageException;

    /**
     * STORE on the given UIDs (those not in the view are ignored). With {@code unchangedSince}, messages with a
     * higher MODSEQ are left alone and returned in {@link StoreResult#modified()}.
     */
    StoreResult store(UidSet uids, FlagChange change, Flags flags, OptionalLong unchangedSince) throws MailStorageException;

    /**
     * Removes the messages with \Deleted (only those in {@code limit} when given: UID EXPUNGE). Returns the
     * expunged UIDs; they are reported, with sequence numbers, by the next {@link #sync}.
     */
    UidSet expunge(Optional<UidSet> limit) throws MailStorageException;

    /** Copies messages (COPY); flags and INTERNALDATE travel with them; the target gets new UIDs. */
    CopyResult copy(UidSet uids, Mailbox target) throws MailStorageException;

    /** MOVE (RFC 6851): copy, then expunge the originals; the expunges are reported by the next sync. */
    CopyResult move(UidSet uids, Mailbox target) throws MailStorageException;

    /** The message with CRLF line ends, exactly {@code virtualSize} bytes, streamed from disk. */
    InputStream open(long uid) throws MailStorageException;

    /** The message as stored (physical size bytes). */
    InputStream openPhysical(long uid) throws MailStorageException;

    /** UIDs of the view's messages matching the key. */
    UidSet search(SearchKey key) throws MailStorageException;

    /** Receives one message's index record and header fields (SORT, THREAD). */
    @FunctionalInterface
    interface HeaderVisitor {
        void visit(MessageRecord record, org.loftmail.core.mime.MimeHeader fields) throws MailStorageException;
    }

    /**
     * For each message of {@code uids} in the view, in UID order, its record and its header fields named
     * {@code fields} (a field the message lacks is simply absent), from the parsed-message cache; a message whose
     * fields are not cached yet has its header read once and remembered, so the next SORT or THREAD opens no file.
     * Messages expunged since are skipped.
     */
    void headers(UidSet uids, Set<String> fields, HeaderVisitor visitor) throws MailStorageException;

    /**
     * The message's ENVELOPE, BODYSTRUCTURE and section offsets, parsed once (when the storage saved it, else on
     * first use) and kept with the index, so later FETCHes never open the message for them.
     */
    MessageSummary structure(long uid) throws MailStorageException;

    /**
     * The decoded size of {@code BINARY[part]} ({@code part} as "1.2", "" for the whole message) whose content is
     * {@code content}: measured once (which decodes the part) and kept with the message's parsed data.
     */
    BinaryContent.Measure binarySize(long uid, String part, BinaryContent content) throws MailStorageException;

    /**
     * The POP3 UIDLs the storage keeps for these messages ({@code pop3_save_uidl}, Loft's or Dovecot's): they win
     * over {@code pop3_uidl_format}. Messages without one are absent from the map.
     */
    Map<Long, String> savedPop3Uidls(UidSet uids) throws MailStorageException;

    /**
     * Stores POP3 UIDLs durably with the messages, so later sessions (after a restart, under another
     * {@code pop3_uidl_format}, or in Dovecot) show the same ones. Expunged messages are skipped; a UIDL that
     * cannot be stored (RFC 1939 allows only 0x21-0x7E) is skipped too.
     */
    void savePop3Uidls(Map<Long, String> uidls) throws MailStorageException;

    /**
     * The backend's own name for a message (Maildir: the file's base name), {@code pop3_uidl_format}'s {@code %f};
     * empty when the backend has none.
     */
    Optional<String> storageId(long uid) throws MailStorageException;

    /**
     * The MD5 of the message's header as Dovecot computes it for mbox ({@code pop3_uidl_format}'s {@code %m});
     * empty when the backend keeps none (Maildir), as Dovecot's %m is mbox only.
     */
    default Optional<String> headerMd5(long uid) throws MailStorageException {
        return Optional.empty();
    }

    @Override
    void close();
}
