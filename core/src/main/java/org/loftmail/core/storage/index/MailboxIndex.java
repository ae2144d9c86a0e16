package org.loftmail.core.storage.index;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.MailboxStatus;

/**
 * The index of one mailbox shared by every session of the process: records by UID (and by the backend's key),
 * MODSEQ allocation, unclaimed \Recent messages, the expunge history, the change feed and the message cache.
 * Backends change it only through its methods, under {@link #lock()}, so every change reaches the views (through
 * {@link #generation()}) and the disk (through {@link #commit()}); what is on disk, and when the index may be
 * trusted instead of the disk, is the backend's business.
 */
public final class MailboxIndex {

    private final MailboxName name;
    private final ReentrantLock lock = new ReentrantLock();
    private final TreeMap<Long, IndexRecord> records = new TreeMap<>();
    private final Map<String, IndexRecord> byKey = new HashMap<>();
    private final ExpungeHistory history = new ExpungeHistory();
    private final Set<Long> unclaimedRecent = new LinkedHashSet<>();
    private final ChangeFeed feed;
    private final MailboxCache cache;
    private final IndexStore store;
    private DiskStamp disk;
    private long highestModSeq = 1;
    private long uidValidity;
    private long generation;
    private int openViews;

    /**
     * @param indexDir where {@code loft.index}, {@code loft.modseq} and {@code loft.cache} live
     * @param watch what the backend runs while anyone listens to the change feed
     */
    public MailboxIndex(MailboxName name, Path indexDir, IndexFileCreator creator, ChangeFeed.Watch watch) {
        this.name = name;
        this.feed = new ChangeFeed(name, watch);
        this.cache = new MailboxCache(indexDir.resolve("loft.cache"), creator);
        this.store = new IndexStore(indexDir, creator);
    }

    /** Tells the index how to describe the disk when it is written; set once by the backend before use. */
    public void diskStamp(DiskStamp stamp) {
        this.disk = stamp;
    }

    public MailboxName name() {
        return name;
    }

    public ReentrantLock lock() {
        return lock;
    }

    public ChangeFeed feed() {
        return feed;
    }

    public MailboxCache cache() {
        return cache;
    }

    IndexStore store() {
        return store;
    }

    ExpungeHistory history() {
        return history;
    }

    // ---------------------------------------------------------------- reads (caller holds the lock)

    public IndexRecord get(long uid) {
        return records.get(uid);
    }

    public IndexRecord byKey(String key) {
        return byKey.get(key);
    }

    public boolean contains(long uid) {
        return records.containsKey(uid);
    }

    /** Records by UID, read-only. */
    public NavigableMap<Long, IndexRecord> records() {
        return Collections.unmodifiableNavigableMap(records);
    }

    public int size() {
        return records.size();
    }

    public long highestModSeq() {
        return highestModSeq;
    }

    public long uidValidity() {
        return uidValidity;
    }

    /** Bumped on every change of the records; views compare it to skip work. */
    public long generation() {
        return generation;
    }

    /** Messages no session has seen as \Recent yet (a writable SELECT claims them). */
    public Set<Long> unclaimedRecent() {
        return Collections.unmodifiableSet(unclaimedRecent);
    }

    // ---------------------------------------------------------------- changes (caller holds the lock)

    /** The next MODSEQ, for a record about to be added. */
    public long nextModSeq() {
        return ++highestModSeq;
    }

    public void uidValidity(long value) {
        if (value == uidValidity) return;
        uidValidity = value;
        store.record(new IndexChange.UidValiditySet(value));
    }

    /** Adds a record (its MODSEQ from {@link #nextModSeq()}); {@code recent}: no session has seen it yet. */
    public void add(IndexRecord r, boolean recent) {
        IndexRecord old = records.put(r.uid(), r);
        if (old != null) byKey.remove(old.key());
        byKey.put(r.key(), r);
        history.remove(r.uid());
        if (recent) unclaimedRecent.add(r.uid());
        store.record(new IndexChange.Added(r));
    }

    public void markRecent(long uid) {
        if (records.containsKey(uid)) unclaimedRecent.add(uid);
    }

    /** The message now has {@code flags}, with a new MODSEQ. */
    public void setFlags(IndexRecord r, Flags flags) {
        r.flags(flags, ++highestModSeq);
        store.record(new IndexChange.FlagsSet(r.uid(), flags, r.modSeq()));
    }

    /** The backend moved the message (Maildir: a rename); nothing a client sees changes. */
    public void relocate(IndexRecord r, String location) {
        r.location(location);
        store.record(new IndexChange.Relocated(r.uid(), location));
    }

    /** The messages are gone, all at one new MODSEQ; their cached values go with them. */
    public void expunge(Collection<Long> uids) {
        if (uids.isEmpty()) return;
        long ms = ++highestModSeq;
        long[] done = new long[uids.size()];
        int n = 0;
        for (long uid : uids) {
            if (removeAt(uid, ms)) done[n++] = uid;
        }
        store.record(new IndexChange.Expunged(ms, java.util.Arrays.copyOf(done, n)));
    }

    private boolean removeAt(long uid, long modSeq) {
        IndexRecord r = records.remove(uid);
        if (r == null) return false;
        byKey.remove(r.key());
        unclaimedRecent.remove(uid);
        history.add(uid, modSeq);
        cache.drop(uid);
        return true;
    }

    /** UIDVALIDITY changed under us (mailbox recreated or renumbered): every message counts as expunged. */
    public void forgetAll() {
        long ms = ++highestModSeq;
        store.record(new IndexChange.AllForgotten(ms));
        forgetAllAt(ms);
    }

    private void forgetAllAt(long ms) {
        for (long uid : records.keySet()) history.add(uid, ms);
        records.clear();
        byKey.clear();
        unclaimedRecent.clear();
        uidValidity = 0;
        generation++;
    }

    /** Starts over for a renumbered mailbox: no records, no history (the old UIDs mean nothing any more). */
    public void clear() {
        store.record(new IndexChange.Cleared());
        records.clear();
        byKey.clear();
        history.clear();
        unclaimedRecent.clear();
        generation++;
    }

    /** Tells the views that records changed. */
    public void changed() {
        generation++;
    }

    /** UIDs expunged after {@code modSeq} (see {@link ExpungeHistory}). */
    public UidSet expungedSince(long modSeq) {
        return history.since(modSeq, records.navigableKeySet(), disk.uidNext());
    }

    // ---------------------------------------------------------------- the disk

    /**
     * Loads the stored index (base and change log); empty (and nothing changed) when there is none or it is
     * unusable. Without one, MODSEQs still continue above the ceiling earlier processes reserved, and the history
     * starts there.
     */
    public Optional<StoredIndex> load() {
        Optional<IndexStore.Loaded> loaded = store.load(this);
        if (loaded.isEmpty()) {
            highestModSeq = Math.max(Math.max(highestModSeq, store.reservedCeiling()), otherWritersFloor());
            history.raiseFloor(highestModSeq + 1);
            return Optional.empty();
        }
        return Optional.of(new StoredIndex(loaded.get().backendStamp(), loaded.get().savedAtNanos(), loaded.get().uidNext()));
    }

    /**
     * A MODSEQ no other program can have handed out on this mailbox (ADR 0506): the current time in milliseconds.
     * Dovecot counts its MODSEQs up from 1, one per change, so a client that synchronised with Dovecot holds a value
     * far below this; Loft continuing above it means every change Loft reports is newer than anything that client
     * knows.
     */
    static long otherWritersFloor() {
        return System.currentTimeMillis();
    }

    /**
     * The backend found the mailbox changed by another program since this index was written (the stored index was
     * not trusted): the changes it is about to record get MODSEQs above anything that program may have given a
     * client (ADR 0506). Messages keep their MODSEQs, so a client of Loft only sees HIGHESTMODSEQ jump. Caller holds
     * the lock.
     */
    public void otherWritersMayHaveChanged() {
        highestModSeq = Math.max(highestModSeq, otherWritersFloor());
    }

    // ---------------------------------------------------------------- loading (IndexStore and IndexChange replay)

    void restore(IndexSnapshot.Contents c) {
        uidValidity = c.uidValidity();
        highestModSeq = c.highestModSeq();
        records.clear();
        byKey.clear();
        for (IndexRecord r : c.records()) {
            records.put(r.uid(), r);
            byKey.put(r.key(), r);
        }
        history.restore(c.historyFloor(), c.expunged());
    }

    /** A process died with MODSEQs up to {@code reserved} possibly handed out: continue above, history from {@code floor}. */
    void raiseModSeq(long reserved, long floor) {
        highestModSeq = Math.max(highestModSeq, reserved);
        history.raiseFloor(floor);
    }

    void replayAdd(IndexRecord r) {
        IndexRecord old = records.put(r.uid(), r);
        if (old != null) byKey.remove(old.key());
        byKey.put(r.key(), r);
        history.remove(r.uid());
    }

    void replayFlags(long uid, Flags flags, long modSeq) {
        IndexRecord r = records.get(uid);
        if (r != null) r.flags(flags, modSeq);
    }

    void replayRelocate(long uid, String location) {
        IndexRecord r = records.get(uid);
        if (r != null) r.location(location);
    }

    void replayExpunge(long modSeq, long[] uids) {
        for (long uid : uids) removeAt(uid, modSeq);
    }

    void replayForgetAll(long modSeq) {
        forgetAllAt(modSeq);
    }

    void replayClear() {
        records.clear();
        byKey.clear();
        history.clear();
        unclaimedRecent.clear();
    }

    void replayUidValidity(long value) {
        uidValidity = value;
    }

    void replayHeader(IndexLog.Header h) {
        uidValidity = h.uidValidity();
        highestModSeq = h.highestModSeq();
        history.raiseFloor(h.historyFloor());
        history.trim();
    }

    /** What a loaded index says about the disk it was written from, for the backend to judge. */
    public record StoredIndex(String backendStamp, long savedAtNanos, long uidNext) {}

    /** The index changed: trims the history and writes it when due (see {@link IndexStore}). */
    public void commit() {
        history.trim();
        store.changed(this, disk);
    }

    /** Like {@link #commit()}, when a change is still waiting to be written. */
    public void commitIfDirty() {
        if (store.dirty()) commit();
    }

    /** Writes whatever is pending (the provider is closing). */
    public void flushPending() {
        lock.lock();
        try {
            if (store.dirty()) store.write(this, disk);
            else store.quiet(this);
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- views and lifetime

    public void viewOpened() {
        lock.lock();
        try {
            openViews++;
        } finally {
            lock.unlock();
        }
    }

    public void viewClosed() {
        lock.lock();
        try {
            openViews--;
            // the last session leaving writes an index the next login can trust without a rescan
            if (openViews <= 0 && (store.dirty() || store.savedUnsettled()) && disk.settled()) {
                store.write(this, disk);
            } else if (openViews <= 0) {
                store.quiet(this);
            }
        } finally {
            lock.unlock();
        }
    }

    /** True when no session uses this index, so the provider may drop it (after writing what is pending). */
    public boolean idle() {
        if (!lock.tryLock()) return false;
        try {
            if (openViews > 0 || !feed.isEmpty()) return false;
            if (store.dirty()) store.write(this, disk);
            else store.quiet(this);
            cache.close();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private MailboxStatus status;
    private long statusGeneration = -1;
    private long statusModSeq = -1;

    /** STATUS values, recounted only when something changed since the last call. */
    public MailboxStatus status() {
        long uidNext = disk.uidNext();
        if (status == null || statusGeneration != generation || statusModSeq != highestModSeq) {
            long unseen = 0;
            long deleted = 0;
            long size = 0;
            for (IndexRecord r : records.values()) {
                if (!r.flags().contains(SystemFlag.SEEN)) unseen++;
                if (r.flags().contains(SystemFlag.DELETED)) deleted++;
                size += r.virtualSize();
            }
            status = new MailboxStatus(records.size(), 0, uidNext, uidValidity, unseen, highestModSeq, size, deleted);
            statusGeneration = generation;
            statusModSeq = highestModSeq;
        }
        return new MailboxStatus(status.messages(), unclaimedRecent.size(), uidNext, uidValidity, status.unseen(),
                highestModSeq, status.size(), status.deleted());
    }

    /** A writable view takes the unclaimed \Recent messages. */
    Set<Long> claimRecent() {
        Set<Long> claimed = new LinkedHashSet<>(unclaimedRecent);
        unclaimedRecent.clear();
        return claimed;
    }
}
