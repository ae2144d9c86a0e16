package org.loftmail.maildir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
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
import org.loftmail.core.storage.CrlfInputStream;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.MailboxChange;
import org.loftmail.core.storage.MailboxListener;
import org.loftmail.core.storage.MailboxOperationException;
import org.loftmail.core.storage.MailboxStatus;

/**
 * The in-memory state of one Maildir shared by every session of this process: messages by UID, keywords,
 * MODSEQs, unclaimed \Recent messages and listeners. {@link #refresh} finds changes made by other processes
 * with cheap checks (uidlist stamp, cur/ and new/ mtimes) and rescans only when they moved. Every write takes
 * the in-process lock and Dovecot's uidlist dotlock, so concurrent writers in other processes (Loft or
 * Dovecot) never reuse UIDs or lose flag changes.
 */
final class MailboxState {

    static final Duration LOCK_TIMEOUT = Duration.ofSeconds(60);
    static final int BIG_MAILBOX = 5000;
    static final long INDEX_SAVE_INTERVAL_MILLIS = 5000;

    final MailboxName name;
    final MailboxPaths paths;
    private final FileCreator creator;
    private final Path uidValidityRoot;
    final ReentrantLock lock = new ReentrantLock();
    private final Uidlist uidlist = new Uidlist();
    final KeywordsFile keywords = new KeywordsFile();
    final TreeMap<Long, MaildirMessage> messages = new TreeMap<>();
    private final Map<String, MaildirMessage> byBase = new HashMap<>();
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
    private FileStamp curStamp = FileStamp.MISSING;
    private FileStamp newStamp = FileStamp.MISSING;
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
            if (openViews <= 0 && (indexDirty || index.savedUnsettled()) && !curStamp.isRecent() && !newStamp.isRecent()) {
                flushIndex();
            }
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

    private boolean reloadUidlist() throws IOException {
        deferredUidlist = null;
        return uidlist.refresh(paths.uidlist());
    }

    // ---------------------------------------------------------------- sync with disk

    /** Brings the state up to date with the disk. Returns true when anything changed. Caller holds {@link #lock}. */
    boolean refresh() throws MailStorageException {
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
                        curStamp = index.curStamp();
                        newStamp = index.newStamp();
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
            if (!uidlistChanged && cur.equals(curStamp) && nw.equals(newStamp) && !cur.isRecent() && !nw.isRecent()) {
                if (indexDirty) saveIndex();
                return false;
            }
            boolean changed = rescan();
            cleanTmp();
            return changed;
        } catch (IOException e) {
            throw new MailStorageException("cannot read mailbox " + name + ": " + e.getMessage(), e);
        }
    }

    private record Found(String fileName, boolean inNew) {}

    /** How many full directory scans this state made (tests check that a valid index avoids them). */
    int scans;
    private long lastTmpCleanMillis;

    /** Dovecot deletes tmp/ files untouched for 36 hours: writers that died before the rename leave them. */
    private void cleanTmp() {
        long now = System.currentTimeMillis();
        if (now - lastTmpCleanMillis < 8 * 3600_000L) return;
        lastTmpCleanMillis = now;
        long cutoff = now - 36 * 3600_000L;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(paths.tmp())) {
            for (Path p : ds) {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    if (a.isRegularFile() && a.lastModifiedTime().toMillis() < cutoff && a.lastAccessTime().toMillis() < cutoff) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException e) {
                    // gone already, or not ours to judge
                }
            }
        } catch (IOException e) {
            // no tmp/: nothing to clean
        }
    }

    private void forgetAll() {
        long ms = ++highestModSeq;
        for (long uid : messages.keySet()) expunged.put(uid, ms);
        messages.clear();
        byBase.clear();
        unclaimedRecent.clear();
        uidValidity = 0;
        curStamp = FileStamp.MISSING;
        newStamp = FileStamp.MISSING;
        generation++;
    }

    private Map<String, Found> listFiles() throws IOException {
        for (int attempt = 0; ; attempt++) {
            FileStamp curBefore = FileStamp.of(paths.cur());
            FileStamp newBefore = FileStamp.of(paths.newDir());
            Map<String, Found> found = new HashMap<>();
            list(paths.newDir(), true, found);
            list(paths.cur(), false, found);
            FileStamp curAfter = FileStamp.of(paths.cur());
            FileStamp newAfter = FileStamp.of(paths.newDir());
            if ((curAfter.equals(curBefore) && newAfter.equals(newBefore)) || attempt >= 4) {
                curStamp = curAfter;
                newStamp = newAfter;
                return found;
            }
        }
    }

    private static void list(Path dir, boolean inNew, Map<String, Found> out) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String fn = p.getFileName().toString();
                MaildirFilename mf = MaildirFilename.parse(fn);
                if (mf == null) continue;
                out.put(mf.base(), new Found(fn, inNew));
            }
        } catch (NoSuchFileException e) {
            // a missing new/ is treated as empty
        }
    }

    private boolean rescan() throws IOException, MailStorageException {
        boolean firstLoad = messages.isEmpty() && generation == 0;
        Map<String, Found> found = listFiles();
        scans++;
        boolean changed = false;
        List<Long> gone = new ArrayList<>();
        for (MaildirMessage m : messages.values()) {
            Found f = found.get(m.base);
            Uidlist.Line line = uidlist.byBase(m.base);
            if (f == null || (line != null && line.uid() != m.uid)) {
                gone.add(m.uid);
                continue;
            }
            if (!f.fileName().equals(m.fileName) || f.inNew() != m.inNew) {
                m.fileName = f.fileName();
                m.inNew = f.inNew();
                StringBuilder other = new StringBuilder();
                Flags flags = FlagLetters.parse(MaildirFilename.parse(f.fileName()).flagLetters(), keywords, other);
                if (!flags.equals(m.flags)) {
                    m.flags = flags;
                    m.modSeq = ++highestModSeq;
                    changed = true;
                }
                m.otherLetters = other.toString();
            }
        }
        if (!gone.isEmpty()) {
            long ms = ++highestModSeq;
            for (long uid : gone) {
                MaildirMessage m = messages.remove(uid);
                byBase.remove(m.base);
                unclaimedRecent.remove(uid);
                expunged.put(uid, ms);
                cache.drop(uid);
            }
            changed = true;
        }
        // files not known yet: UIDs from the uidlist, or new UIDs under the lock
        List<Map.Entry<String, Found>> unknown = new ArrayList<>();
        for (Map.Entry<String, Found> e : found.entrySet()) if (!byBase.containsKey(e.getKey())) unknown.add(e);
        if (!unknown.isEmpty()) {
            List<Map.Entry<String, Found>> needUid = new ArrayList<>();
            for (Map.Entry<String, Found> e : unknown) {
                Uidlist.Line line = uidlist.byBase(e.getKey());
                if (line != null && uidlist.uidValidity() == uidValidity && !messages.containsKey(line.uid())) {
                    adopt(line.uid(), e.getKey(), e.getValue(), line.ext(), firstLoad);
                } else if (line != null && uidValidity == 0) {
                    uidValidity = uidlist.uidValidity();
                    adopt(line.uid(), e.getKey(), e.getValue(), line.ext(), firstLoad);
                } else {
                    needUid.add(e);
                }
            }
            if (!needUid.isEmpty()) assignUids(needUid, firstLoad);
            changed = true;
        }
        if (uidValidity == 0) {
            ensureUidlist();
        }
        if (changed) generation++;
        saveIndex(); // also records the new directory stamps when nothing else changed
        return changed;
    }

    private void adopt(long uid, String base, Found f, Map<Character, String> ext, boolean firstLoad) throws IOException {
        Path file = (f.inNew() ? paths.newDir() : paths.cur()).resolve(f.fileName());
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return; // moved or expunged meanwhile: the next refresh sees it
        }
        MaildirFilename mf = MaildirFilename.parse(f.fileName());
        StringBuilder other = new StringBuilder();
        Flags flags = FlagLetters.parse(mf.flagLetters(), keywords, other);
        long size = mf.physicalSize().orElse(attrs.size());
        long vsize;
        if (mf.virtualSize().isPresent()) {
            vsize = mf.virtualSize().getAsLong();
        } else if (ext.containsKey('W')) {
            vsize = Long.parseLong(ext.get('W'));
        } else {
            try (InputStream in = Files.newInputStream(file)) {
                vsize = CrlfInputStream.virtualSize(in);
            } catch (NoSuchFileException e) {
                return;
            }
        }
        String guid = ext.containsKey('G') ? ext.get('G') : base;
        MaildirMessage m = new MaildirMessage(uid, base, f.fileName(), f.inNew(), flags, other.toString(),
                attrs.lastModifiedTime().toInstant(), size, vsize, ++highestModSeq, guid);
        messages.put(uid, m);
        byBase.put(base, m);
        expunged.remove(uid);
        if (f.inNew() || !firstLoad) unclaimedRecent.add(uid);
    }

    /** Creates the uidlist of a new or renumbered mailbox. Caller holds the dotlock or is creating the mailbox. */
    private void ensureUidlist() throws IOException, MailStorageException {
        try (HeldLock l = dotlock()) {
            reloadUidlist();
            if (!uidlist.exists()) {
                Uidlist fresh = Uidlist.create(UidValidityFile.next(uidValidityRoot, creator));
                fresh.rewrite(paths.uidlist(), null, creator);
                reloadUidlist();
            }
            uidValidity = uidlist.uidValidity();
        }
    }

    private void assignUids(List<Map.Entry<String, Found>> files, boolean firstLoad) throws IOException, MailStorageException {
        try (HeldLock l = dotlock()) {
            reloadUidlist();
            if (!uidlist.exists() || (uidValidity != 0 && uidlist.uidValidity() != uidValidity)) {
                if (!uidlist.exists()) {
                    // lost uidlist: every message gets a new UID under a new UIDVALIDITY, as Dovecot does
                    Uidlist fresh = Uidlist.create(UidValidityFile.next(uidValidityRoot, creator));
                    fresh.rewrite(paths.uidlist(), null, creator);
                    reloadUidlist();
                }
                resetForNewUidValidity(files);
            }
            uidValidity = uidlist.uidValidity();
            files.sort(Map.Entry.comparingByKey(MailboxState::compareBaseNames));
            List<Uidlist.Line> lines = new ArrayList<>();
            long next = uidlist.nextUid();
            for (Map.Entry<String, Found> e : files) {
                Uidlist.Line existing = uidlist.byBase(e.getKey());
                if (existing != null && !messages.containsKey(existing.uid())) {
                    adopt(existing.uid(), e.getKey(), e.getValue(), existing.ext(), firstLoad);
                    continue;
                }
                lines.add(new Uidlist.Line(next, e.getKey(), Map.of()));
                adopt(next, e.getKey(), e.getValue(), Map.of(), firstLoad);
                next++;
            }
            if (!lines.isEmpty()) uidlist.append(paths.uidlist(), lines, creator);
        }
    }

    /** The uidlist was replaced under us (new UIDVALIDITY): forget all UIDs and start over with the listed files. */
    private void resetForNewUidValidity(List<Map.Entry<String, Found>> files) {
        Map<String, Found> all = new HashMap<>();
        for (MaildirMessage m : messages.values()) all.put(m.base, new Found(m.fileName, m.inNew));
        for (Map.Entry<String, Found> e : files) all.put(e.getKey(), e.getValue());
        messages.clear();
        byBase.clear();
        expunged.clear();
        unclaimedRecent.clear();
        files.clear();
        files.addAll(all.entrySet());
        generation++;
    }

    /** Dovecot orders new files by their time stamp; base names start with seconds then .M<usec>. */
    static int compareBaseNames(String a, String b) {
        long ta = leadingNumber(a);
        long tb = leadingNumber(b);
        if (ta != tb) return Long.compare(ta, tb);
        int ua = a.indexOf(".M");
        int ub = b.indexOf(".M");
        if (ua > 0 && ub > 0) {
            long ma = leadingNumber(a.substring(ua + 2));
            long mb = leadingNumber(b.substring(ub + 2));
            if (ma != mb) return Long.compare(ma, mb);
        }
        return a.compareTo(b);
    }

    private static long leadingNumber(String s) {
        long v = 0;
        int i = 0;
        while (i < s.length() && i < 18 && Character.isDigit(s.charAt(i))) v = v * 10 + (s.charAt(i++) - '0');
        return v;
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
            FileStamp newBefore = FileStamp.of(paths.newDir());
            FileStamp curBefore = FileStamp.of(paths.cur());
            boolean newOnlyOurs = newBefore.equals(newStamp) && !newBefore.isRecent();
            boolean curOnlyOurs = curBefore.equals(curStamp) && !curBefore.isRecent();
            List<Found> placed = new ArrayList<>(batch.size());
            boolean anyNew = false;
            boolean anyCur = false;
            for (Incoming in : batch) {
                String letters = in.flags().isEmpty() ? "" : lettersFor(in.flags(), "");
                MaildirFilename finalName = in.name().withFlags(letters);
                boolean toNew = letters.isEmpty();
                String fileName = toNew ? finalName.newFileName() : finalName.fileName();
                move(in.tmpFile(), (toNew ? paths.newDir() : paths.cur()).resolve(fileName));
                placed.add(new Found(fileName, toNew));
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
                adopt(uid, batch.get(i).name().base(), placed.get(i), Map.of(), false);
                unclaimedRecent.add(uid);
                uids.add(uid);
            }
            // when nobody else had touched a directory since our last look, its new mtime is ours alone
            if (anyNew && newOnlyOurs) newStamp = FileStamp.of(paths.newDir());
            if (anyCur && curOnlyOurs) curStamp = FileStamp.of(paths.cur());
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
            refresh();
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
                        continue; // expunged or renamed by another program; the next refresh tells
                    }
                    m.fileName = target.fileName();
                    m.inNew = false;
                    m.flags = want;
                    m.modSeq = ++highestModSeq;
                    changed.add(m);
                }
            }
            if (!changed.isEmpty()) {
                curStamp = FileStamp.of(paths.cur());
                newStamp = FileStamp.of(paths.newDir());
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
                curStamp = FileStamp.of(paths.cur());
                newStamp = FileStamp.of(paths.newDir());
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
                curStamp = FileStamp.of(paths.cur());
                newStamp = FileStamp.of(paths.newDir());
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
     * Writes the index snapshot, at most every few seconds for big mailboxes (it is O(messages)); in between,
     * {@code loft.modseq} keeps HIGHESTMODSEQ durable-enough so a stale snapshot never hands out a MODSEQ twice.
     */
    private void saveIndex() {
        trimHistory();
        long now = System.currentTimeMillis();
        if (messages.size() > BIG_MAILBOX && now - lastIndexSaveMillis < INDEX_SAVE_INTERVAL_MILLIS) {
            indexDirty = true;
            index.saveModSeq(highestModSeq);
            return;
        }
        index.saveModSeq(highestModSeq);
        flushIndex();
    }

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
        index.save(this, deferredUidlist != null ? deferredUidlist : uidlist.stamp(), curStamp, newStamp);
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
