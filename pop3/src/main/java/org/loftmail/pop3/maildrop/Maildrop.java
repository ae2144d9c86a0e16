package org.loftmail.pop3.maildrop;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.loftmail.core.mail.FlagChange;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.MessageRecord;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.pop3.Pop3Settings;

/**
 * A POP3 session's maildrop (RFC 1939 section 4): INBOX as it was at login, numbered 1..n, with the session's
 * deletion marks and the messages it retrieved. The underlying view is never synced, so numbers, sizes and UIDLs
 * stay stable for the whole session whatever other sessions do. Nothing reaches the storage before
 * {@link #update(boolean)}: deletions only at QUIT, \Seen at QUIT or when the connection drops (as Dovecot does).
 */
public final class Maildrop implements AutoCloseable {

    private final MailStorage storage;
    private final SelectedMailbox view;
    private final Pop3Settings settings;
    private final long[] uids;
    private final long[] sizes;
    private final long totalSize;
    private final BitSet deleted = new BitSet();
    private final BitSet retrieved = new BitSet();
    private final int initialLastSeen;
    private int lastAccessed;
    private List<UidlList.Uidl> uidls;
    /** Messages whose UIDL the storage keeps (saved earlier, or by {@link #saveShownUidls}). */
    private final BitSet permanentUidls = new BitSet();

    private Maildrop(MailStorage storage, SelectedMailbox view, Pop3Settings settings) {
        this.storage = storage;
        this.view = view;
        this.settings = settings;
        List<MessageRecord> visible = new ArrayList<>(view.count());
        int lastSeen = 0;
        for (int seq = 1; seq <= view.count(); seq++) {
            MessageRecord r = view.record(seq);
            if (!settings.deletedFlag().isEmpty() && r.flags().containsKeyword(settings.deletedFlag())) {
                continue; // hidden: "deleted" by an earlier POP3 session with pop3_delete_type=flag
            }
            visible.add(r);
            if (r.flags().contains(SystemFlag.SEEN)) {
                lastSeen = visible.size();
            }
        }
        this.uids = new long[visible.size()];
        this.sizes = new long[visible.size()];
        long total = 0;
        for (int i = 0; i < visible.size(); i++) {
            uids[i] = visible.get(i).uid();
            sizes[i] = visible.get(i).virtualSize();
            total += sizes[i];
        }
        this.totalSize = total;
        this.initialLastSeen = settings.enableLast() ? lastSeen : 0;
        this.lastAccessed = initialLastSeen;
    }

    /** Opens INBOX of {@code storage} for a POP3 session. The maildrop owns the storage from here on. */
    public static Maildrop open(MailStorage storage, Pop3Settings settings) throws MailStorageException {
        SelectedMailbox view = storage.mailbox(MailboxName.INBOX).select(false);
        try {
            return new Maildrop(storage, view, settings);
        } catch (RuntimeException e) {
            view.close();
            throw e;
        }
    }

    public int count() {
        return uids.length;
    }

    public long totalSize() {
        return totalSize;
    }

    public boolean exists(int msg) {
        return msg >= 1 && msg <= uids.length;
    }

    public boolean isDeleted(int msg) {
        return deleted.get(msg - 1);
    }

    /** Messages not marked deleted (STAT). */
    public int liveCount() {
        return uids.length - deleted.cardinality();
    }

    public long liveSize() {
        long sum = 0;
        for (int i = 0; i < uids.length; i++) {
            if (!deleted.get(i)) {
                sum += sizes[i];
            }
        }
        return sum;
    }

    public long size(int msg) {
        return sizes[msg - 1];
    }

    public long uid(int msg) {
        return uids[msg - 1];
    }

    public void markDeleted(int msg) {
        deleted.set(msg - 1);
        lastAccessed = Math.max(lastAccessed, msg);
    }

    /** RSET: deletion marks and retrieval marks go (Dovecot forgets pending \Seen too). */
    public void reset() throws MailStorageException {
        deleted.clear();
        retrieved.clear();
        lastAccessed = 0;
        if (settings.enableLast()) {
            // RFC 1460 LAST semantics, as Dovecot: RSET makes every message unseen again.
            view.store(view.uids(), FlagChange.REMOVE, Flags.of(SystemFlag.SEEN), OptionalLong.empty());
        }
    }

    /** The message in CRLF form, exactly {@link #size(int)} bytes, streamed from the storage. */
    public InputStream open(int msg) throws MailStorageException {
        return view.open(uid(msg));
    }

    /**
     * The message as stored (line ends as the storage keeps them, at most {@link #size(int)} bytes): for a sender
     * that converts bare LF to CRLF itself, in the same pass as other work on the bytes.
     */
    public InputStream openStored(int msg) throws MailStorageException {
        return view.openPhysical(uid(msg));
    }

    /** RETR succeeded: \Seen is set at the end of the session (unless pop3_no_flag_updates). */
    public void markRetrieved(int msg) {
        if (!settings.noFlagUpdates()) {
            retrieved.set(msg - 1);
        }
        lastAccessed = Math.max(lastAccessed, msg);
    }

    public void markAccessed(int msg) {
        lastAccessed = Math.max(lastAccessed, msg);
    }

    /** The LAST command's answer: the highest message number accessed (RFC 1460). */
    public int lastAccessed() {
        return lastAccessed;
    }

    /** The UIDL of a message; all are computed together, once per session. */
    public String uidl(int msg) throws MailStorageException {
        computeUidls();
        return uidls.get(msg - 1).value();
    }

    public void computeUidls() throws MailStorageException {
        if (uidls == null) {
            uidls = new UidlList(view, settings).compute(uids);
            for (int i = 0; i < uidls.size(); i++) {
                if (uidls.get(i).permanent()) {
                    permanentUidls.set(i);
                }
            }
        }
    }

    /**
     * pop3_save_uidl: the UIDLs of messages {@code from..to} that are about to be shown (UIDL) and not deleted
     * become permanent, so a later change of pop3_uidl_format (or a move to Dovecot and back) does not change what
     * clients already know. As in Dovecot, only UIDLs a client is shown are saved, and LIST saves none; except
     * with pop3_uidl_duplicates = rename, where Dovecot computes and saves every message's UIDL at the first UIDL
     * command (a renamed UIDL depends on the others).
     */
    public void saveShownUidls(int from, int to) throws MailStorageException {
        if (!settings.saveUidl()) {
            return;
        }
        computeUidls();
        boolean all = settings.uidlDuplicates() == Pop3Settings.UidlDuplicates.RENAME;
        if (all) {
            from = 1;
            to = uids.length;
        }
        Map<Long, String> toSave = new HashMap<>();
        for (int i = from - 1; i < to; i++) {
            if ((all || !deleted.get(i)) && !permanentUidls.get(i)) {
                toSave.put(uids[i], uidls.get(i).value());
            }
        }
        if (!toSave.isEmpty()) {
            view.savePop3Uidls(toSave);
            for (long uid : toSave.keySet()) {
                permanentUidls.set(indexOf(uid));
            }
        }
    }

    /**
     * The UPDATE state (RFC 1939 section 6) when {@code quit}; otherwise the end of a session whose connection was
     * lost, where only the \Seen flags are written. Returns the number of messages deleted.
     */
    public int update(boolean quit) throws MailStorageException {
        UidSet seen = uidsOf(retrieved);
        if (!seen.isEmpty()) {
            view.store(seen, FlagChange.ADD, Flags.of(SystemFlag.SEEN), OptionalLong.empty());
        }
        if (!quit || deleted.isEmpty()) {
            return 0;
        }
        UidSet toDelete = uidsOf(deleted);
        if (settings.deleteByFlag()) {
            view.store(toDelete, FlagChange.ADD, new Flags(Set.of(), Set.of(settings.deletedFlag())),
                    OptionalLong.empty());
        } else {
            view.store(toDelete, FlagChange.ADD, Flags.of(SystemFlag.DELETED), OptionalLong.empty());
            view.expunge(Optional.of(toDelete));
        }
        return deleted.cardinality();
    }

    public long deletedBytes() {
        long sum = 0;
        for (int i = deleted.nextSetBit(0); i >= 0; i = deleted.nextSetBit(i + 1)) {
            sum += sizes[i];
        }
        return sum;
    }

    public int deletedCount() {
        return deleted.cardinality();
    }

    private int indexOf(long uid) {
        return java.util.Arrays.binarySearch(uids, uid);
    }

    private UidSet uidsOf(BitSet marks) {
        UidSet.Builder b = new UidSet.Builder();
        for (int i = marks.nextSetBit(0); i >= 0; i = marks.nextSetBit(i + 1)) {
            b.add(uids[i]);
        }
        return b.build();
    }

    /** The X-UIDL header value of a message, for pop3_reuse_xuidl. */
    static Optional<String> xUidlHeader(byte[] header) {
        String text = new String(header, StandardCharsets.ISO_8859_1);
        for (String line : text.split("\r\n")) {
            if (line.regionMatches(true, 0, "X-UIDL:", 0, 7)) {
                String value = line.substring(7).strip();
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        try {
            view.close();
        } finally {
            storage.close();
        }
    }
}
