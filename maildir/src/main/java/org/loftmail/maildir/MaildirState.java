package org.loftmail.maildir;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.loftmail.core.log.MailLog;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.MailboxChange;
import org.loftmail.core.storage.MailboxOperationException;
import org.loftmail.core.storage.MessageRecord;
import org.loftmail.core.storage.index.ChangeFeed;
import org.loftmail.core.storage.index.DiskStamp;
import org.loftmail.core.storage.index.IndexRecord;
import org.loftmail.core.storage.index.MailboxBackend;
import org.loftmail.core.storage.index.MailboxIndex;

/**
 * Maildir's side of one mailbox, shared by every session of this process: the shared {@link MailboxIndex} plus
 * what only Maildir has — dovecot-uidlist and its dotlock, dovecot-keywords, the directory stamps
 * ({@link MaildirSync} decides when to list), and the writes (deliver, rename for flags, unlink, new/ → cur/).
 * Every write takes the index lock and Dovecot's uidlist dotlock, so concurrent writers in other processes (Loft
 * or Dovecot) never reuse UIDs or lose flag changes.
 */
final class MaildirState implements DiskStamp {

    static final Duration LOCK_TIMEOUT = Duration.ofSeconds(60);
    private static final MailLog LOG = MailLog.of("maildir");

    final MailboxName name;
    final MailboxPaths paths;
    final FileCreator creator;
    final Path uidValidityRoot;
    final Uidlist uidlist;
    final KeywordsFile keywords;
    final MailboxIndex index;
    /** How many full directory listings this state made (tests check that a valid index avoids them). */
    int scans;
    /** Directory stamps and listing: how this state follows new/ and cur/. */
    private final MaildirSync sync;
    private boolean loaded;

    MaildirState(MailboxName name, MailboxPaths paths, FileCreator creator, Path uidValidityRoot, MaildirWatcher watcher) {
        this.name = name;
        this.paths = paths;
        this.creator = creator;
        this.uidValidityRoot = uidValidityRoot;
        this.uidlist = new Uidlist(creator.confinement());
        this.keywords = new KeywordsFile(creator.confinement());
        MaildirState self = this;
        this.index = new MailboxIndex(name, paths.indexDir(), creator, new ChangeFeed.Watch() {
            @Override
            public void start() {
                watcher.watch(self);
            }

            @Override
            public void stop() {
                watcher.unwatch(self);
            }
        });
        this.index.diskStamp(this);
        this.sync = new MaildirSync(this, paths);
    }

    private Dotlock heldDotlock;
    private int dotlockDepth;

    /** A lock on the uidlist held while the index lock is held; nested calls share one dotlock. */
    interface HeldLock extends AutoCloseable {
        @Override
        void close();
    }

    HeldLock dotlock() throws MailStorageException {
        if (!index.lock().isHeldByCurrentThread()) throw new IllegalStateException("index lock not held");
        if (dotlockDepth == 0) heldDotlock = Dotlock.acquire(paths.uidlistLock(), LOCK_TIMEOUT);
        dotlockDepth++;
        return () -> {
            if (--dotlockDepth == 0) {
                heldDotlock.close();
                heldDotlock = null;
            }
        };
    }

    void publish(MailboxChange.Kind kind, UidSet uids) {
        index.feed().publish(kind, uids);
    }

    /** Set while the uidlist is known (from a valid index) to be as the index recorded it, and not read yet. */
    private FileStamp deferredUidlist;
    private long indexUidNext;

    @Override
    public long uidNext() {
        return deferredUidlist != null ? indexUidNext : uidlist.nextUid();
    }

    /**
     * Re-reads dovecot-uidlist when it changed. A corrupt file found while the dotlock is held (by a writer, about
     * to give out UIDs) is rebuilt with the UIDs known, as Dovecot rebuilds it; without the lock, and for a file
     * that cannot be read at all, the failure is thrown and the last good state stays (see {@link Uidlist#refresh}).
     */
    boolean reloadUidlist() throws IOException {
        deferredUidlist = null;
        try {
            return uidlist.refresh(paths.uidlist());
        } catch (Uidlist.CorruptException e) {
            if (dotlockDepth == 0) throw e;
            rebuildUidlist(e);
            return uidlist.refresh(paths.uidlist());
        }
    }

    /** Writes a good dovecot-uidlist over a corrupt one: the last good read, else the index's UIDs. Dotlock held. */
    private void rebuildUidlist(Uidlist.CorruptException why) throws IOException {
        Uidlist good;
        if (uidlist.good()) {
            good = uidlist;
        } else if (index.uidValidity() != 0) {
            List<Uidlist.Line> lines = new ArrayList<>();
            for (IndexRecord r : index.records().values()) lines.add(new Uidlist.Line(r.uid(), r.key(), Map.of()));
            good = Uidlist.rebuilt(index.uidValidity(), uidNext(), lines);
        } else {
            good = Uidlist.create(UidValidityFile.next(uidValidityRoot, creator)); // nothing known: a new mailbox
        }
        LOG.error("Corrupted " + paths.uidlist() + ": " + why.getMessage() + " (rebuilt, UIDVALIDITY " + good.uidValidity() + ")");
        good.rewrite(paths.uidlist(), null, creator);
    }

    /**
     * The read path's refresh of the uidlist: a file that cannot be read now (EIO, corrupt, replaced by something
     * that is no file) is logged and the last good state served; writers re-read it under the dotlock and either
     * rebuild it or fail, never guess UIDs. Returns whether it changed, and false when it could not be read.
     */
    private boolean reloadUidlistForReading() {
        try {
            uidlistUnreadable = false;
            return reloadUidlist();
        } catch (IOException e) {
            uidlistUnreadable = true;
            LOG.warn("cannot read " + paths.uidlist() + ": " + e.getMessage() + " (serving the UIDs known)");
            return false;
        }
    }

    /** The last read of dovecot-uidlist failed: what is in memory is the last good state, not the file's. */
    private boolean uidlistUnreadable;

    // ---------------------------------------------------------------- what the index stores about the disk

    /** The stamps of dovecot-uidlist, cur/ and new/ as last seen, one per line-free field. */
    @Override
    public String current() {
        FileStamp u = deferredUidlist != null ? deferredUidlist : uidlist.stamp();
        return u.encode() + "|" + sync.curStamp().encode() + "|" + sync.newStamp().encode();
    }

    @Override
    public boolean settled() {
        FileStamp u = deferredUidlist != null ? deferredUidlist : uidlist.stamp();
        return sync.settled() && u.mtimeNanos() < MaildirSync.now() - MaildirSync.window(u);
    }

    /** The three stamps a stored index was written with, or null when it does not hold three. */
    private static FileStamp[] decodeStamps(String stored) {
        String[] p = stored.split("\\|", -1);
        if (p.length != 3) return null;
        try {
            return new FileStamp[] {FileStamp.decode(p[0]), FileStamp.decode(p[1]), FileStamp.decode(p[2])};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The disk is as the stored index recorded it, and was settled then (no same-tick change can hide). */
    private static boolean trustworthy(FileStamp[] saved, long savedAtNanos, FileStamp uidlist, FileStamp cur, FileStamp nw) {
        return saved != null && uidlist.equals(saved[0]) && cur.equals(saved[1]) && nw.equals(saved[2])
                && settledAt(uidlist, savedAtNanos) && settledAt(cur, savedAtNanos) && settledAt(nw, savedAtNanos);
    }

    private static boolean settledAt(FileStamp s, long atNanos) {
        return s.mtimeNanos() < atNanos - MaildirSync.window(s);
    }

    // ---------------------------------------------------------------- sync with disk

    /** Brings the index up to date with the disk. Returns true when anything changed. Caller holds the index lock. */
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
                var stored = index.load();
                if (stored.isPresent()) {
                    uidlist.handedOut(index.uidValidity(), stored.get().uidNext());
                    for (IndexRecord r : index.records().values()) {
                        if (MessageFile.inNew(r.location())) index.markRecent(r.uid());
                    }
                    FileStamp[] saved = decodeStamps(stored.get().backendStamp());
                    long savedAt = stored.get().savedAtNanos();
                    // the index is trusted only while uidlist and directories are as it recorded them
                    if (trustworthy(saved, savedAt, FileStamp.of(paths.uidlist()), FileStamp.of(paths.cur()), FileStamp.of(paths.newDir()))) {
                        // nothing changed: not even the uidlist is read until someone writes
                        deferredUidlist = saved[0];
                        indexUidNext = stored.get().uidNext();
                        keywords.refresh(paths.keywords());
                        sync.trust(saved[1], saved[2], savedAt);
                        return false;
                    }
                    index.otherWritersMayHaveChanged(); // Dovecot may have used the mailbox meanwhile (ADR 0506)
                }
            }
            keywords.refresh(paths.keywords());
            boolean uidlistChanged;
            if (deferredUidlist != null && FileStamp.of(paths.uidlist()).equals(deferredUidlist)) {
                uidlistChanged = false;
            } else {
                uidlistChanged = reloadUidlistForReading();
            }
            if (deferredUidlist == null && !uidlistUnreadable && index.uidValidity() != 0
                    && (!uidlist.exists() || uidlist.uidValidity() != index.uidValidity())) {
                forgetAll(); // the uidlist was replaced (mailbox recreated, or UIDs renumbered by another program)
            }
            FileStamp cur = FileStamp.of(paths.cur());
            FileStamp nw = FileStamp.of(paths.newDir());
            if (cur == FileStamp.MISSING) throw new MailStorageException("mailbox directory is gone: " + paths.mailDir());
            if (!uidlistChanged && (listUnsettled ? sync.unchanged(cur, nw) : sync.sameStamps(cur, nw))) {
                index.commitIfDirty();
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
        index.forgetAll();
        sync.forget();
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
        index.lock().lock();
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
            if (index.uidValidity() != 0 && index.uidValidity() != uidlist.uidValidity()) forgetAll();
            index.uidValidity(uidlist.uidValidity());
            for (int i = 0; i < batch.size(); i++) {
                long uid = next + i;
                sync.adopt(uid, batch.get(i).name().base(), placed.get(i), Map.of(), false);
                index.markRecent(uid);
                uids.add(uid);
            }
            // whatever else landed in the directories meanwhile is found by the listing of the next sync point
            sync.lookAgain(anyCur, anyNew);
            index.changed();
            index.commit();
        } catch (IOException e) {
            throw new MailStorageException("cannot save into " + name + ": " + e.getMessage(), e);
        } finally {
            index.lock().unlock();
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

    /** Info letters of a file name that Loft does not map to flags (kept in the name untouched). */
    String otherLetters(String fileName) {
        MaildirFilename mf = MaildirFilename.parse(fileName);
        if (mf == null) return "";
        StringBuilder other = new StringBuilder();
        FlagLetters.parse(mf.flagLetters(), keywords, other);
        return other.toString();
    }

    /**
     * Changes flags; {@code newFlags} computes each message's new flags from its current ones. Messages with a
     * MODSEQ above {@code unchangedSince} (when ≥ 0) are skipped.
     */
    MailboxBackend.FlagWrite changeFlags(UidSet uids, UnaryOperator<Flags> newFlags, long unchangedSince) throws MailStorageException {
        List<MessageRecord> changed = new ArrayList<>();
        List<Long> skipped = new ArrayList<>();
        index.lock().lock();
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
                index.changed();
                index.commit();
            }
        } catch (IOException e) {
            throw new MailStorageException("cannot change flags in " + name + ": " + e.getMessage(), e);
        } finally {
            index.lock().unlock();
        }
        UidSet.Builder b = new UidSet.Builder();
        changed.forEach(m -> b.add(m.uid()));
        publish(MailboxChange.Kind.FLAGS, b.build());
        return new MailboxBackend.FlagWrite(changed, skipped);
    }

    /** Renames the messages' files for their new flags; returns the UIDs whose file was not where we knew it. */
    private List<Long> applyFlags(UidSet uids, UnaryOperator<Flags> newFlags, long unchangedSince,
            List<MessageRecord> changed, List<Long> skipped) throws IOException, MailStorageException {
        List<Long> missed = new ArrayList<>();
        for (long[] r : uids.ranges()) {
            for (IndexRecord m : new ArrayList<>(index.records().subMap(r[0], true, r[1], true).values())) {
                if (unchangedSince >= 0 && m.modSeq() > unchangedSince) {
                    skipped.add(m.uid());
                    continue;
                }
                Flags want = newFlags.apply(m.flags());
                if (want.equals(m.flags())) continue;
                String fileName = MessageFile.fileName(m.location());
                String letters = lettersFor(want, otherLetters(fileName));
                MaildirFilename target = new MaildirFilename(m.key(), letters);
                Path from = paths.mailDir().resolve(m.location());
                Path to = paths.cur().resolve(target.fileName());
                try {
                    move(from, to);
                } catch (NoSuchFileException e) {
                    missed.add(m.uid());
                    continue;
                }
                index.relocate(m, MessageFile.location(false, target.fileName()));
                index.setFlags(m, want);
                changed.add(m.toMessageRecord());
            }
        }
        return missed;
    }

    /**
     * Deletes the files of the given UIDs that carry \Deleted (or all of them when {@code onlyDeleted} is false).
     * Returns the UIDs removed and their bytes on disk.
     */
    Expunged expunge(UidSet uids, boolean onlyDeleted) throws MailStorageException {
        UidSet.Builder done = new UidSet.Builder();
        List<Long> removed = new ArrayList<>();
        long bytes = 0;
        index.lock().lock();
        try (HeldLock l = dotlock()) {
            refresh();
            for (long[] r : uids.ranges()) {
                for (IndexRecord m : new ArrayList<>(index.records().subMap(r[0], true, r[1], true).values())) {
                    if (onlyDeleted && !m.flags().contains(SystemFlag.DELETED)) continue;
                    Files.deleteIfExists(paths.mailDir().resolve(m.location()));
                    removed.add(m.uid());
                    bytes += m.physicalSize();
                }
            }
            if (!removed.isEmpty()) {
                FsSync.directory(paths.cur());
                FsSync.directory(paths.newDir());
                index.expunge(removed);
                removed.forEach(done::add);
                reloadUidlist();
                Set<Long> drop = new HashSet<>(removed);
                uidlist.rewrite(paths.uidlist(), line -> !drop.contains(line.uid()), creator);
                sync.lookAgain(true, true);
                index.changed();
                index.commit();
            }
        } catch (IOException e) {
            throw new MailStorageException("cannot expunge in " + name + ": " + e.getMessage(), e);
        } finally {
            index.lock().unlock();
        }
        UidSet result = done.build();
        publish(MailboxChange.Kind.EXPUNGED, result);
        return new Expunged(result, bytes);
    }

    /** What an expunge removed. */
    record Expunged(UidSet uids, long bytes) {}

    /**
     * Moves claimed \Recent messages from new/ to cur/ (a writable SELECT does this, as Dovecot). The move is a
     * courtesy, not a condition for serving the mailbox: when it fails (cur/ cannot grow on a full disk, EIO) the
     * rest stay in new/, as Dovecot leaves them, and a later SELECT tries again. Caller holds lock.
     */
    void moveToCur(Collection<Long> uids) throws MailStorageException {
        if (uids.isEmpty()) return;
        boolean moved = false;
        for (long uid : uids) {
            IndexRecord m = index.get(uid);
            if (m == null || !MessageFile.inNew(m.location())) continue;
            String fileName = MessageFile.fileName(m.location());
            MaildirFilename mf = MaildirFilename.parse(fileName);
            try {
                move(paths.newDir().resolve(fileName), paths.cur().resolve(mf.fileName()));
                index.relocate(m, MessageFile.location(false, mf.fileName()));
                moved = true;
            } catch (NoSuchFileException e) {
                // another process moved or expunged it; the next refresh finds out
            } catch (IOException e) {
                LOG.warn("rename(" + paths.newDir().resolve(fileName) + ", " + paths.cur().resolve(mf.fileName())
                        + ") failed: " + e.getMessage() + " (messages stay in new/)");
                break; // the others would fail alike
            }
        }
        if (moved) {
            try {
                sync.lookAgain(true, true);
            } catch (IOException e) {
                throw new MailStorageException("cannot read the directories of " + name + ": " + e.getMessage(), e);
            }
            index.commit();
        }
    }

    // ---------------------------------------------------------------- uidlist extension fields (POP3 UIDLs)

    /**
     * The uidlist extension field {@code key} of each listed message that has one, read from the uidlist itself
     * (read now if the index let us skip it). Caller holds the index lock.
     */
    Map<Long, String> uidlistField(UidSet uids, char key) throws MailStorageException {
        try {
            if (deferredUidlist != null || !uidlist.exists()) reloadUidlist();
        } catch (IOException e) {
            throw new MailStorageException("cannot read the uidlist of " + name + ": " + e.getMessage(), e);
        }
        Map<Long, String> out = new HashMap<>();
        for (long[] r : uids.ranges()) {
            for (IndexRecord m : index.records().subMap(r[0], true, r[1], true).values()) {
                Uidlist.Line line = uidlist.byUid(m.uid());
                String v = line != null && line.base().equals(m.key()) ? line.ext().get(key) : null;
                if (v != null) out.put(m.uid(), v);
            }
        }
        return out;
    }

    /**
     * Sets the uidlist field {@code key} of messages that still exist and rewrites the uidlist (under the dotlock,
     * so other writers' lines and fields survive). Caller holds the index lock.
     */
    void setUidlistField(Map<Long, String> values, char key) throws MailStorageException {
        try (HeldLock l = dotlock()) {
            reloadUidlist();
            List<Uidlist.Line> changed = new ArrayList<>();
            for (Map.Entry<Long, String> e : values.entrySet()) {
                IndexRecord m = index.get(e.getKey());
                Uidlist.Line line = uidlist.byUid(e.getKey());
                if (m == null || line == null || !line.base().equals(m.key())) continue;
                if (e.getValue().equals(line.ext().get(key)) || !Uidlist.validExtValue(e.getValue())) continue;
                changed.add(line.withExt(key, e.getValue()));
            }
            if (changed.isEmpty()) return;
            uidlist.update(changed);
            uidlist.rewrite(paths.uidlist(), null, creator);
            index.commit();
        } catch (IOException e) {
            throw new MailStorageException("cannot update the uidlist of " + name + ": " + e.getMessage(), e);
        }
    }

    /** The file a location stands for. */
    Path file(String location) {
        return paths.mailDir().resolve(location);
    }
}
