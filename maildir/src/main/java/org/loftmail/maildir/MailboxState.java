package org.loftmail.maildir;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.MailboxChange;
import org.loftmail.core.storage.MailboxListener;
import org.loftmail.core.storage.MailboxOperationException;
import org.loftmail.core.storage.MailboxStatus;

/**
 * The in-memory state of one Maildir shared by every session of this process: messages by UID, keywords,
 * MODSEQs, unclaimed \Recent messages and listeners. {@link #refresh} finds changes made by other processes
 * with cheap checks (uidlist stamp, cur/ and new/ stamps) and lists the directories only when those cannot prove
 * that nothing changed ({@link MaildirSync} decides and lists). Every write takes
 * the in-process lock and Dovecot's uidlist dotlock, so concurrent writers in other processes (Loft or
 * Dovecot) never reuse UIDs or lose flag changes.
 */
final class MailboxState {

    static final Duration LOCK_TIMEOUT = Duration.ofSeconds(60);
    /** A snapshot is written at most this often while sessions keep changing the mailbox (and when they leave). */
    static final long INDEX_SAVE_INTERVAL_MILLIS = 5000;
    /** MODSEQs reserved in {@code loft.modseq} at a time, so it is written once per this many changes. */
    static final long MODSEQ_RESERVATION = 1024;

    final MailboxName name;
    final MailboxPaths paths;
    final FileCreator creator;
    final Path uidValidityRoot;
    final ReentrantLock lock = new ReentrantLock();
    final Uidlist uidlist = new Uidlist();
    final KeywordsFile keywords = new KeywordsFile();
    final TreeMap<Long, MaildirMessage> messages = new TreeMap<>();
    final Map<String, MaildirMessage> byBase = new HashMap<>();
    /** UID → MODSEQ at which it was expunged (QRESYNC history, and how views find expunges). */
    final TreeMap<Long, Long> expunged = new TreeMap<>();
    /** MODSEQ below which {@link #expunged} may be incomplete (history trimmed, or lost with the index). */
    long historyFloor;
    static final int MAX_HISTORY = 100_000;
    final Set<Long> unclaimedRecent = new LinkedHashSet<>();
    private final List<MailboxListener> listeners = new CopyOnWriteArrayList<>();
    private final MaildirIndex index;
    /** Opaque per-message cache slots (parsed ENVELOPE, BODYSTRUCTURE...), see {@link MaildirCache}. */
    final MaildirCache cache;
    long highestModSeq = 1;
    long uidValidity;
    /** Bumped on every change; views compare it to skip work. */
    long generation;
    /** How many full directory listings this state made (tests check that a valid index avoids them). */
    int scans;
    /** Directory stamps and listing: how this state follows new/ and cur/. */
    private final MaildirSync sync;
    private boolean loaded;

    private final MaildirWatcher watcher;

    MailboxState(MailboxName name, MailboxPaths paths, FileCreator creator, Path uidValidityRoot, MaildirWatcher watcher) {
        this.watcher = watcher;
        this.name = name;
        this.paths = paths;
        this.creator = creator;
        this.uidValidityRoot = uidValidityRoot;
        this.index = new MaildirIndex(paths.index(), creator);
        this.cache = new MaildirCache(paths.indexDir().resolve("loft.cache"), creator);
        this.sync = new MaildirSync(this, paths);
    }

    private Dotlock heldDotlock;
    private int dotlockDepth;

    /** A lock on the uidlist held while this state's lock is held; nested calls share one dotlock. */
    interface HeldLock extends AutoCloseable {
        @Override
        void close();
    }

    HeldLock dotlock() throws MailStorageException {
        if (!lock.isHeldByCurrentThread()) throw new IllegalStateException("state lock not held");
        if (dotlockDepth == 0) heldDotlock = Dotlock.acquire(paths.uidlistLock(), LOCK_TIMEOUT);
        dotlockDepth++;
        return () -> {
            if (--dotlockDepth == 0) {
                heldDotlock.close();
                heldDotlock = null;
            }
        };
    }

    private int openViews;

    void viewOpened() {
        lock.lock();
        try {
            openViews++;
        } finally {
            lock.unlock();
        }
    }

    void viewClosed() {
        lock.lock();
        try {
            openViews--;
            // the last session leaving writes a snapshot the next login can trust without a directory scan
            if (openViews <= 0 && (indexDirty || index.savedUnsettled()) && sync.settled()) {
                flushIndex();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Writes a pending index snapshot (the provider is closing). */
    void flushPending() {
        lock.lock();
        try {
            if (indexDirty) flushIndex();
        } finally {
            lock.unlock();
        }
    }

    /** True when no session uses this state, so the provider may drop it (its index keeps what matters). */
    boolean idle() {
        if (!lock.tryLock()) return false;
        try {
            if (openViews > 0 || !listeners.isEmpty()) return false;
            if (indexDirty) flushIndex();
            cache.close();
            return true;
        } finally {
            lock.unlock();
        }
    }

    ListenerHandle addListener(MailboxListener l) {
        synchronized (listeners) {
            listeners.add(l);
            watcher.watch(this);
        }
        return () -> {
            synchronized (listeners) {
                listeners.remove(l);
                if (listeners.isEmpty()) watcher.unwatch(this);
            }
        };
    }

    interface ListenerHandle {
        void remove();
    }

    void publish(MailboxChange.Kind kind, UidSet uids) {
        if (uids.isEmpty() && kind != MailboxChange.Kind.EXTERNAL) return;
        MailboxChange c = new MailboxChange(name, kind, uids);
        for (MailboxListener l : listeners) {
            try {
                l.changed(c);
            } catch (RuntimeException e) {
                // a broken listener must not break the writer
            }
        }
    }

    /** Set while the uidlist is known (from a valid index) to be as the index recorded it, and not read yet. */
    private FileStamp deferredUidlist;
    private long indexUidNext;
    private long lastIndexSaveMillis;
    private boolean indexDirty;

    long uidNext() {
        return deferredUidlist != null ? indexUidNext : uidlist.nextUid();
    }

    boolean reloadUidlist() throws IOException {
        deferredUidlist = null;
        return uidlist.refresh(paths.uidlist());
    }

    // ---------------------------------------------------------------- sync with disk

    /** Brings the state up to date with the disk. Returns true when anything changed. Caller holds {@link #lock}. */
    boolean refresh() throws MailStorageException {
        return refresh(true);
    }

    /**
     * {@code listUnsettled} false: directories whose stamps did not move are not listed even if those stamps are
     * not settled yet — for writers that detect a stale view themselves (a rename of a file that moved fails).
     * They stay unsettled, so the next full refresh still lists.
     */
    private boolean refresh(boolean listUnsettled) throws MailStorageException {
        try {
            if (!loaded) {
                loaded = true;
                boolean fromIndex = index.load(this);
                if (!fromIndex) {
                    highestModSeq = Math.max(highestModSeq, index.loadModSeq());
                    historyFloor = highestModSeq + 1;
                }
                if (fromIndex) {
                    // the index is trusted only while uidlist and directories are as it recorded them
                    if (index.matches(FileStamp.of(paths.uidlist()), FileStamp.of(paths.cur()), FileStamp.of(paths.newDir()))) {
                        // nothing changed: not even the uidlist is read until someone writes
                        deferredUidlist = index.uidlistStamp();
                        indexUidNext = index.uidNext();
                        keywords.refresh(paths.keywords());
                        sync.trust(index.curStamp(), index.newStamp(), index.savedAtNanos());
                        return false;
                    }
                }
            }
            keywords.refresh(paths.keywords());
            boolean uidlistChanged;
            if (deferredUidlist != null && FileStamp.of(paths.uidlist()).equals(deferredUidlist)) {
                uidlistChanged = false;
            } else {
                uidlistChanged = reloadUidlist();
            }
            if (deferredUidlist == null && uidValidity != 0 && (!uidlist.exists() || uidlist.uidValidity() != uidValidity)) {
                forgetAll(); // the uidlist was replaced (mailbox recreated, or UIDs renumbered by another program)
            }
            FileStamp cur = FileStamp.of(paths.cur());
            FileStamp nw = FileStamp.of(paths.newDir());
            if (cur == FileStamp.MISSING) throw new MailStorageException("mailbox directory is gone: " + paths.mailDir());
            if (!uidlistChanged && (listUnsettled ? sync.unchanged(cur, nw) : sync.sameStamps(cur, nw))) {
                if (indexDirty) saveIndex();
                return false;
            }
            boolean changed = sync.rescan();
            sync.cleanTmp();
            return changed;
        } catch (IOException e) {
            throw new MailStorageException("cannot read mailbox " + name + ": " + e.getMessage(), e);
        }
    }

    private void forgetAll() {
        long ms = ++highestModSeq;
        for (long uid : messages.keySet()) expunged.put(uid, ms);
        messages.clear();
        byBase.clear();
        unclaimedRecent.clear();
        uidValidity = 0;
        sync.forget();
        generation++;
    }

    // ---------------------------------------------------------------- writes

    /**
     * Moves a fully written and fsynced tmp/ file into the mailbox and gives it the next UID, durably.
     * Caller does not hold the lock.
     */
    long deliver(Path tmpFile, MaildirFilename name, Flags flags) throws MailStorageException {
        return deliverAll(List.of(new Incoming(tmpFile, name, flags))).get(0);
    }

    /** A message written to tmp/ and fsynced, waiting for its UID. */
    record Incoming(Path tmpFile, MaildirFilename name, Flags flags) {}

    /**
     * Moves fully written and fsynced tmp/ files into the mailbox and gives them the next UIDs, in order, under one
     * lock: one directory fsync and one uidlist append for the whole batch (COPY/MOVE of many messages).
     * Returns the UIDs. Caller does not hold the lock.
     */
    List<Long> deliverAll(List<Incoming> batch) throws MailStorageException {
        List<Long> uids = new ArrayList<>(batch.size());
        lock.lock();
        try (HeldLock l = dotlock()) {
            // No rescan here: a burst of deliveries must not list the directory each time. The uidlist (re-read
            // under the lock) is what decides the UIDs; messages others added are found at the next refresh.
            if (!loaded) refresh();
            reloadUidlist();
            if (!uidlist.exists()) ensureUidlistLocked();
            List<MaildirSync.Found> placed = new ArrayList<>(batch.size());
            boolean anyNew = false;
            boolean anyCur = false;
            for (Incoming in : batch) {
                String letters = in.flags().isEmpty() ? "" : lettersFor(in.flags(), "");
                MaildirFilename finalName = in.name().withFlags(letters);
                boolean toNew = letters.isEmpty();
                String fileName = toNew ? finalName.newFileName() : finalName.fileName();
                move(in.tmpFile(), (toNew ? paths.newDir() : paths.cur()).resolve(fileName));
                placed.add(new MaildirSync.Found(fileName, toNew));
                anyNew |= toNew;
                anyCur |= !toNew;
            }
            if (anyNew) FsSync.directory(paths.newDir());
            if (anyCur) FsSync.directory(paths.cur());
            long next = uidlist.nextUid();
            List<Uidlist.Line> lines = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) lines.add(new Uidlist.Line(next + i, batch.get(i).name().base(), Map.of()));
            uidlist.append(paths.uidlist(), lines, creator);
            if (uidValidity != 0 && uidValidity != uidlist.uidValidity()) forgetAll();
            uidValidity = uidlist.uidValidity();
            for (int i = 0; i < batch.size(); i++) {
                long uid = next + i;
                sync.adopt(uid, batch.get(i).name().base(), placed.get(i), Map.of(), false);
                unclaimedRecent.add(uid);
                uids.add(uid);
            }
            // whatever else landed in the directories meanwhile is found by the listing of the next sync point
            sync.lookAgain(anyCur, anyNew);
            generation++;
            saveIndex();
        } catch (IOException e) {
            throw new MailStorageException("cannot save into " + name + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
        publish(MailboxChange.Kind.APPENDED, UidSet.of(uids));
        return uids;
    }

    private void ensureUidlistLocked() throws IOException {
        Uidlist fresh = Uidlist.create(UidValidityFile.next(uidValidityRoot, creator));
        fresh.rewrite(paths.uidlist(), null, creator);
        reloadUidlist();
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("tmp/ and the mailbox are on different file systems", e);
        }
    }

    /** Letters for flags, creating keyword indexes as needed (caller holds the dotlock). */
    String lettersFor(Flags flags, String other) throws IOException, MailStorageException {
        for (String k : flags.keywords()) {
            if (keywords.indexOf(k) < 0) {
                keywords.refresh(paths.keywords());
                if (keywords.add(paths.keywords(), k, creator) < 0) {
                    throw new MailboxOperationException("no room for another keyword in this mailbox (Maildir holds 26)");
                }
            }
        }
        return FlagLetters.format(flags, keywords, other);
    }

    record FlagResult(List<MaildirMessage> changed, List<Long> skippedByModSeq) {}

    /**
     * Changes flags; {@code newFlags} computes each message's new flags from its current ones. Messages with a
     * MODSEQ above {@code unchangedSince} (when ≥ 0) are skipped.
     */
    FlagResult changeFlags(UidSet uids, java.util.function.UnaryOperator<Flags> newFlags, long unchangedSince) throws MailStorageException {
        List<MaildirMessage> changed = new ArrayList<>();
        List<Long> skipped = new ArrayList<>();
        lock.lock();
        try (HeldLock l = dotlock()) {
            // No listing just because a stamp is not settled yet: each rename below is a compare-and-swap on the
            // file name, which carries the flags. A file another program renamed (or removed) meanwhile is missed
            // by the rename; then the directories are listed and those messages tried once more.
            refresh(false);
            List<Long> missed = applyFlags(uids, newFlags, unchangedSince, changed, skipped);
            if (!missed.isEmpty()) {
                refresh(true);
                applyFlags(UidSet.of(missed), newFlags, unchangedSince, changed, skipped); // missed again: expunged
            }
            if (!changed.isEmpty()) {
                sync.lookAgain(true, true);
                generation++;
                saveIndex();
            }
        } catch (IOException e) {
            throw new MailStorageException("cannot change flags in " + name + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
        UidSet.Builder b = new UidSet.Builder();
        changed.forEach(m -> b.add(m.uid));
        publish(MailboxChange.Kind.FLAGS, b.build());
        return new FlagResult(changed, skipped);
    }

    /** Renames the messages' files for their new flags; returns the UIDs whose file was not where we knew it. */
    private List<Long> applyFlags(UidSet uids, java.util.function.UnaryOperator<Flags> newFlags, long unchangedSince,
            List<MaildirMessage> changed, List<Long> skipped) throws IOException, MailStorageException {
        List<Long> missed = new ArrayList<>();
        for (long[] r : uids.ranges()) {
            for (MaildirMessage m : new ArrayList<>(messages.subMap(r[0], true, r[1], true).values())) {
                if (unchangedSince >= 0 && m.modSeq > unchangedSince) {
                    skipped.add(m.uid);
                    continue;
                }
                Flags want = newFlags.apply(m.flags);
                if (want.equals(m.flags)) continue;
                String letters = lettersFor(want, m.otherLetters);
                MaildirFilename target = new MaildirFilename(m.base, letters);
                Path from = (m.inNew ? paths.newDir() : paths.cur()).resolve(m.fileName);
                Path to = paths.cur().resolve(target.fileName());
                try {
                    move(from, to);
                } catch (NoSuchFileException e) {
                    missed.add(m.uid);
                    continue;
                }
                m.fileName = target.fileName();
                m.inNew = false;
                m.flags = want;
                m.modSeq = ++highestModSeq;
                changed.add(m);
            }
        }
        return missed;
    }

    /** Deletes the files of the given UIDs that carry \Deleted (or all of them when {@code onlyDeleted} is false). */
    UidSet expunge(UidSet uids, boolean onlyDeleted) throws MailStorageException {
        UidSet.Builder done = new UidSet.Builder();
        List<Long> removed = new ArrayList<>();
        lock.lock();
        try (HeldLock l = dotlock()) {
            refresh();
            for (long[] r : uids.ranges()) {
                for (MaildirMessage m : new ArrayList<>(messages.subMap(r[0], true, r[1], true).values())) {
                    if (onlyDeleted && !m.flags.contains(SystemFlag.DELETED)) continue;
                    Path file = (m.inNew ? paths.newDir() : paths.cur()).resolve(m.fileName);
                    Files.deleteIfExists(file);
                    removed.add(m.uid);
                }
            }
            if (!removed.isEmpty()) {
                FsSync.directory(paths.cur());
                FsSync.directory(paths.newDir());
                long ms = ++highestModSeq;
                for (long uid : removed) {
                    MaildirMessage m = messages.remove(uid);
                    byBase.remove(m.base);
                    unclaimedRecent.remove(uid);
                    expunged.put(uid, ms);
                    cache.drop(uid);
                    done.add(uid);
                }
                reloadUidlist();
                Set<Long> drop = new java.util.HashSet<>(removed);
                uidlist.rewrite(paths.uidlist(), line -> !drop.contains(line.uid()), creator);
                sync.lookAgain(true, true);
                generation++;
                saveIndex();
            }
        } catch (IOException e) {
            throw new MailStorageException("cannot expunge in " + name + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
        UidSet result = done.build();
        publish(MailboxChange.Kind.EXPUNGED, result);
        return result;
    }

    /** Moves claimed \Recent messages from new/ to cur/ (a writable SELECT does this, as Dovecot). Caller holds lock. */
    void moveToCur(List<Long> uids) throws MailStorageException {
        if (uids.isEmpty()) return;
        try {
            boolean moved = false;
            for (long uid : uids) {
                MaildirMessage m = messages.get(uid);
                if (m == null || !m.inNew) continue;
                MaildirFilename mf = MaildirFilename.parse(m.fileName);
                try {
                    move(paths.newDir().resolve(m.fileName), paths.cur().resolve(mf.fileName()));
                    m.fileName = mf.fileName();
                    m.inNew = false;
                    moved = true;
                } catch (NoSuchFileException e) {
                    // another process moved or expunged it; the next refresh finds out
                }
            }
            if (moved) {
                sync.lookAgain(true, true);
                saveIndex();
            }
        } catch (IOException e) {
            throw new MailStorageException("cannot move new mail to cur/ in " + name + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- uidlist extension fields (POP3 UIDLs)

    /**
     * The uidlist extension field {@code key} of each listed message that has one, read from the uidlist itself
     * (read now if the index let us skip it). Caller holds {@link #lock}.
     */
    Map<Long, String> uidlistField(UidSet uids, char key) throws MailStorageException {
        try {
            if (deferredUidlist != null || !uidlist.exists()) reloadUidlist();
        } catch (IOException e) {
            throw new MailStorageException("cannot read the uidlist of " + name + ": " + e.getMessage(), e);
        }
        Map<Long, String> out = new HashMap<>();
        for (long[] r : uids.ranges()) {
            for (MaildirMessage m : messages.subMap(r[0], true, r[1], true).values()) {
                Uidlist.Line line = uidlist.byUid(m.uid);
                String v = line != null && line.base().equals(m.base) ? line.ext().get(key) : null;
                if (v != null) out.put(m.uid, v);
            }
        }
        return out;
    }

    /**
     * Sets the uidlist field {@code key} of messages that still exist and rewrites the uidlist (under the dotlock,
     * so other writers' lines and fields survive). Caller holds {@link #lock}.
     */
    void setUidlistField(Map<Long, String> values, char key) throws MailStorageException {
        try (HeldLock l = dotlock()) {
            reloadUidlist();
            List<Uidlist.Line> changed = new ArrayList<>();
            for (Map.Entry<Long, String> e : values.entrySet()) {
                MaildirMessage m = messages.get(e.getKey());
                Uidlist.Line line = uidlist.byUid(e.getKey());
                if (m == null || line == null || !line.base().equals(m.base)) continue;
                if (e.getValue().equals(line.ext().get(key)) || !Uidlist.validExtValue(e.getValue())) continue;
                changed.add(line.withExt(key, e.getValue()));
            }
            if (changed.isEmpty()) return;
            uidlist.update(changed);
            uidlist.rewrite(paths.uidlist(), null, creator);
            saveIndex();
        } catch (IOException e) {
            throw new MailStorageException("cannot update the uidlist of " + name + ": " + e.getMessage(), e);
        }
    }

    private MailboxStatus status;
    private long statusGeneration = -1;
    private long statusModSeq = -1;

    /** STATUS values, recomputed only when something changed since the last call. Caller holds the lock. */
    MailboxStatus status() {
        if (status == null || statusGeneration != generation || statusModSeq != highestModSeq) {
            long unseen = 0;
            long deleted = 0;
            long size = 0;
            for (MaildirMessage m : messages.values()) {
                if (!m.flags.contains(SystemFlag.SEEN)) unseen++;
                if (m.flags.contains(SystemFlag.DELETED)) deleted++;
                size += m.virtualSize;
            }
            status = new MailboxStatus(messages.size(), 0, uidNext(), uidValidity, unseen, highestModSeq, size, deleted);
            statusGeneration = generation;
            statusModSeq = highestModSeq;
        }
        return new MailboxStatus(status.messages(), unclaimedRecent.size(), uidNext(), uidValidity, status.unseen(),
                highestModSeq, status.size(), status.deleted());
    }

    Path fileOf(MaildirMessage m) {
        return (m.inNew ? paths.newDir() : paths.cur()).resolve(m.fileName);
    }

    /**
     * Records a change for the index snapshot, which is O(messages) to write and so written at most every
     * {@link #INDEX_SAVE_INTERVAL_MILLIS} (and when the last session leaves, or the state is dropped); the first change
     * after a quiet spell is written at once. A stale or missing snapshot costs a listing at the next load, never a
     * wrong answer. MODSEQs must never be handed out twice, though, even if the process dies before the snapshot:
     * {@code loft.modseq} holds a ceiling reserved ahead of them, so it is written once per
     * {@link #MODSEQ_RESERVATION} changes; a restart after a crash continues above the ceiling.
     */
    void saveIndex() {
        trimHistory();
        if (highestModSeq > modSeqCeiling) {
            modSeqCeiling = highestModSeq + MODSEQ_RESERVATION;
            index.saveModSeq(modSeqCeiling);
        }
        if (System.currentTimeMillis() - lastIndexSaveMillis < INDEX_SAVE_INTERVAL_MILLIS) {
            indexDirty = true;
            return;
        }
        flushIndex();
    }

    /** The value in {@code loft.modseq}: no MODSEQ above it has been handed out (0: not written by this state). */
    private long modSeqCeiling;

    private void trimHistory() {
        while (expunged.size() > MAX_HISTORY) {
            Map.Entry<Long, Long> oldest = expunged.pollFirstEntry();
            historyFloor = Math.max(historyFloor, oldest.getValue() + 1);
        }
    }

    /** UIDs expunged after {@code modSeq}; a superset (every missing UID) when the history does not reach back. */
    UidSet expungedSince(long modSeq) {
        UidSet.Builder b = new UidSet.Builder();
        if (modSeq < historyFloor) {
            long next = uidNext();
            long prev = 0;
            for (long uid : messages.keySet()) {
                if (uid > prev + 1) b.addRange(prev + 1, uid - 1);
                prev = uid;
            }
            if (next - 1 > prev) b.addRange(prev + 1, next - 1);
            return b.build();
        }
        for (Map.Entry<Long, Long> e : expunged.entrySet()) if (e.getValue() > modSeq) b.add(e.getKey());
        return b.build();
    }

    /** Writes the snapshot now if anything is pending (also called when the last view closes). */
    void flushIndex() {
        indexDirty = false;
        lastIndexSaveMillis = System.currentTimeMillis();
        index.save(this, deferredUidlist != null ? deferredUidlist : uidlist.stamp(), sync.curStamp(), sync.newStamp());
        if (modSeqCeiling > highestModSeq) {
            // the snapshot now carries HIGHESTMODSEQ: lower the ceiling so a reload continues from the exact value
            index.saveModSeq(highestModSeq);
            modSeqCeiling = highestModSeq;
        }
    }

    /** Used by the index loader. */
    void restore(long uidValidity, long highestModSeq, long historyFloor, List<MaildirMessage> list, Map<Long, Long> expungedHistory) {
        this.historyFloor = historyFloor;
        this.uidValidity = uidValidity;
        this.highestModSeq = highestModSeq;
        messages.clear();
        byBase.clear();
        for (MaildirMessage m : list) {
            messages.put(m.uid, m);
            byBase.put(m.base, m);
            if (m.inNew) unclaimedRecent.add(m.uid);
        }
        expunged.clear();
        expunged.putAll(expungedHistory);
    }
}
