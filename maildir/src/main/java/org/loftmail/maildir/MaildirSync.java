package org.loftmail.maildir;

import java.nio.file.AccessDeniedException;
import org.loftmail.core.log.MailLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.storage.CrlfInputStream;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.index.IndexRecord;
import org.loftmail.core.storage.index.MailboxIndex;
import org.loftmail.maildir.MaildirState.HeldLock;

/**
 * Keeps a {@link MaildirState}'s index in line with its new/ and cur/ directories: decides from the directories' stamps
 * whether anything can have changed since the last look, and otherwise lists them and adopts, renames or drops
 * messages (UIDs from dovecot-uidlist, new ones under its dotlock).
 *
 * <p>When may a listing be skipped? A directory's mtime moves on every entry added, removed or renamed, but only
 * in steps of the file system's clock tick (whole seconds on some file systems; the kernel's coarse clock where
 * times carry nanoseconds). A stamp is therefore trusted only if, when it was taken, the mtime was already older
 * than {@link #window} — then any later change must carry a later mtime. This is Dovecot's rule (it re-reads a
 * directory whose mtime is within a second of its last look). A stamp taken right after a change (ours or
 * anyone's) is not settled: the next sync point lists once more, and the listing made then, later than the
 * window, settles it. So a quiet mailbox is never listed, and a change — by this process, another Loft, Dovecot
 * or an MDA, in whatever tick — is always seen at the next sync point.
 */
final class MaildirSync {

    private static final MailLog LOG = MailLog.of("maildir");

    /** One look at a directory: its stamp, and the time (ns since the epoch) just before it was taken. */
    record Observed(FileStamp stamp, long atNanos) {
        static final Observed NONE = new Observed(FileStamp.MISSING, 0);

        /** True when the directory cannot have changed since the look without its stamp changing too. */
        boolean settled() {
            return stamp != FileStamp.MISSING && stamp.mtimeNanos() < atNanos - window(stamp);
        }
    }

    /** Two seconds on file systems with whole-second times, 100 ms (many coarse clock ticks) with nanoseconds. */
    static long window(FileStamp s) {
        return s.mtimeNanos() % 1_000_000_000L == 0 ? 2_000_000_000L : 100_000_000L;
    }

    static long now() {
        return System.currentTimeMillis() * 1_000_000L;
    }

    private final MaildirState state;
    private final MailboxIndex index;
    private final MailboxPaths paths;
    /** Read buffer for sizing message files whose names carry no W= (a first listing may size thousands); kept
     * only during a listing, not per idle mailbox. */
    private byte[] scratch;
    private Observed cur = Observed.NONE;
    private Observed nw = Observed.NONE;

    MaildirSync(MaildirState state, MailboxPaths paths) {
        this.state = state;
        this.index = state.index;
        this.paths = paths;
    }

    FileStamp curStamp() {
        return cur.stamp();
    }

    FileStamp newStamp() {
        return nw.stamp();
    }

    /** True when both directories' last looks are settled (a snapshot written now can be trusted later). */
    boolean settled() {
        return cur.settled() && nw.settled();
    }

    /** The directories are as a trusted index recorded them at {@code savedAtNanos}. */
    void trust(FileStamp curStamp, FileStamp newStamp, long savedAtNanos) {
        cur = new Observed(curStamp, savedAtNanos);
        nw = new Observed(newStamp, savedAtNanos);
    }

    /** Nothing is known about the directories any more (the mailbox was renumbered or recreated). */
    void forget() {
        cur = Observed.NONE;
        nw = Observed.NONE;
    }

    /**
     * True when {@code curNow}/{@code newNow} (stamps taken now) prove nothing changed since the last look.
     */
    boolean unchanged(FileStamp curNow, FileStamp newNow) {
        return curNow.equals(cur.stamp()) && cur.settled() && newNow.equals(nw.stamp()) && nw.settled();
    }

    /** True when both stamps equal the last look's, settled or not (see {@link MaildirState#changeFlags}). */
    boolean sameStamps(FileStamp curNow, FileStamp newNow) {
        return curNow.equals(cur.stamp()) && newNow.equals(nw.stamp());
    }

    /**
     * After this process changed a directory itself (and knows what it did): take its stamp now. It is not
     * settled, so the next sync point still lists once, which catches anyone else's change in the same tick.
     */
    void lookAgain(boolean curChanged, boolean newChanged) throws IOException {
        long at = now();
        if (curChanged) cur = new Observed(FileStamp.of(paths.cur()), at);
        if (newChanged) nw = new Observed(FileStamp.of(paths.newDir()), at);
    }

    /** A message file found in new/ or cur/. */
    record Found(String fileName, boolean inNew) {}

    private long lastTmpCleanMillis;

    /** Dovecot deletes tmp/ files untouched for 36 hours: writers that died before the rename leave them. */
    void cleanTmp() {
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


    /** Numbers the listings; a message whose current file a listing saw carries its number. */
    private long listing;

    /**
     * Lists new/ and cur/; repeats (a few times) when either changed during the listing. A known message whose
     * exact file is listed is only marked ({@link IndexRecord#mark}, the listing's number); returned are the other entries, by base
     * name (cur/ winning over new/) — on a busy mailbox almost nothing, so a listing costs little beyond readdir.
     */
    private Map<String, Found> listFiles() throws IOException {
        for (int attempt = 0; ; attempt++) {
            long at = now();
            listing++;
            FileStamp curBefore = FileStamp.of(paths.cur());
            FileStamp newBefore = FileStamp.of(paths.newDir());
            Map<String, Found> other = new HashMap<>();
            list(paths.newDir(), true, other);
            list(paths.cur(), false, other);
            FileStamp curAfter = FileStamp.of(paths.cur());
            FileStamp newAfter = FileStamp.of(paths.newDir());
            if ((curAfter.equals(curBefore) && newAfter.equals(newBefore)) || attempt >= 4) {
                // what the listing saw is what the directories held at "at" or later
                cur = new Observed(curAfter, at);
                nw = new Observed(newAfter, at);
                return other;
            }
        }
    }

    private void list(Path dir, boolean inNew, Map<String, Found> other) throws IOException {
        // names only: no Path object per entry
        String[] names = dir.toFile().list();
        if (names == null) {
            if (Files.notExists(dir)) return; // a missing new/ is treated as empty
            throw new IOException("cannot list " + dir);
        }
        for (String fn : names) {
            if (fn.isEmpty() || fn.charAt(0) == '.') continue;
            int colon = fn.indexOf(':');
            String base = colon < 0 ? fn : fn.substring(0, colon);
            IndexRecord m = index.byKey(base);
            if (m != null && MessageFile.is(m.location(), inNew, fn)) {
                m.mark(listing);
                other.remove(base); // the same base also in new/: cur/ wins, as it is listed last
                continue;
            }
            MaildirFilename mf = MaildirFilename.parse(fn);
            if (mf == null) continue;
            other.put(mf.base(), new Found(fn, inNew));
        }
    }

    /** Lists both directories and brings the index in line with them. Caller holds the index lock. */
    boolean rescan() throws IOException, MailStorageException {
        boolean firstLoad = index.size() == 0 && index.generation() == 0;
        Map<String, Found> found = listFiles();
        state.scans++;
        boolean changed = false;
        List<Long> gone = new ArrayList<>();
        for (IndexRecord m : index.records().values()) {
            Found f = found.get(m.key());
            Uidlist.Line line = state.uidlist.byBase(m.key());
            if ((f == null && m.mark() != listing) || (line != null && line.uid() != m.uid())) {
                gone.add(m.uid());
                continue;
            }
            if (f != null && !MessageFile.is(m.location(), f.inNew(), f.fileName())) {
                index.relocate(m, MessageFile.location(f.inNew(), f.fileName()));
                Flags flags = FlagLetters.parse(MaildirFilename.parse(f.fileName()).flagLetters(), state.keywords, new StringBuilder());
                if (!flags.equals(m.flags())) {
                    index.setFlags(m, flags);
                    changed = true;
                }
            }
        }
        if (!gone.isEmpty()) {
            index.expunge(gone);
            changed = true;
        }
        // files not known yet: UIDs from the uidlist, or new UIDs under the lock
        List<Map.Entry<String, Found>> unknown = new ArrayList<>();
        for (Map.Entry<String, Found> e : found.entrySet()) if (index.byKey(e.getKey()) == null) unknown.add(e);
        if (!unknown.isEmpty()) {
            List<Map.Entry<String, Found>> needUid = new ArrayList<>();
            for (Map.Entry<String, Found> e : unknown) {
                Uidlist.Line line = state.uidlist.byBase(e.getKey());
                if (line != null && state.uidlist.uidValidity() == index.uidValidity() && !index.contains(line.uid())) {
                    adopt(line.uid(), e.getKey(), e.getValue(), line.ext(), firstLoad);
                } else if (line != null && index.uidValidity() == 0) {
                    index.uidValidity(state.uidlist.uidValidity());
                    adopt(line.uid(), e.getKey(), e.getValue(), line.ext(), firstLoad);
                } else {
                    needUid.add(e);
                }
            }
            if (!needUid.isEmpty()) assignUids(needUid, firstLoad);
            changed = true;
        }
        if (index.uidValidity() == 0) {
            ensureUidlist();
        }
        scratch = null;
        if (changed) index.changed();
        index.commit(); // also records the new directory stamps when nothing else changed
        return changed;
    }

    /**
     * Indexes a listed file under {@code uid}. A file that is a link out of the mail root, or not the user's
     * (a hard link to root's or another user's file), is not indexed: it is logged and stays invisible (ADR 0305).
     */
    void adopt(long uid, String base, Found f, Map<Character, String> ext, boolean firstLoad) throws IOException {
        Path file = (f.inNew() ? paths.newDir() : paths.cur()).resolve(f.fileName());
        MaildirFilename mf = MaildirFilename.parse(f.fileName());
        IndexRecord m;
        try {
            m = state.creator.confinement().withFile(file, pinned -> record(uid, base, f, ext, mf, pinned));
        } catch (NoSuchFileException e) {
            return; // moved or expunged meanwhile: the next refresh sees it
        } catch (AccessDeniedException e) {
            LOG.warn("not indexing " + file + ": " + e.getReason());
            return;
        }
        index.add(m, f.inNew() || !firstLoad);
    }

    /** The index record of a message file, read through a path pinned to the checked file. */
    private IndexRecord record(long uid, String base, Found f, Map<Character, String> ext, MaildirFilename mf, Path pinned)
            throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(pinned, BasicFileAttributes.class);
        Flags flags = FlagLetters.parse(mf.flagLetters(), state.keywords, new StringBuilder());
        long size = mf.physicalSize().orElse(attrs.size());
        long vsize;
        if (mf.virtualSize().isPresent()) {
            vsize = mf.virtualSize().getAsLong();
        } else if (ext.containsKey('W')) {
            vsize = Long.parseLong(ext.get('W'));
        } else {
            try (InputStream in = Files.newInputStream(pinned)) {
                if (scratch == null) scratch = new byte[1 << 16];
                vsize = CrlfInputStream.virtualSize(in, scratch);
            }
        }
        String guid = ext.containsKey('G') ? ext.get('G') : base;
        return new IndexRecord(uid, base, MessageFile.location(f.inNew(), f.fileName()), flags,
                attrs.lastModifiedTime().toInstant(), size, vsize, index.nextModSeq(), guid);
    }

    /** Creates the uidlist of a new or renumbered mailbox. Caller holds the dotlock or is creating the mailbox. */
    void ensureUidlist() throws IOException, MailStorageException {
        try (HeldLock l = state.dotlock()) {
            state.reloadUidlist();
            if (!state.uidlist.exists()) {
                Uidlist fresh = Uidlist.create(UidValidityFile.next(state.uidValidityRoot, state.creator));
                fresh.rewrite(paths.uidlist(), null, state.creator);
                state.reloadUidlist();
            }
            index.uidValidity(state.uidlist.uidValidity());
        }
    }

    private void assignUids(List<Map.Entry<String, Found>> files, boolean firstLoad) throws IOException, MailStorageException {
        try (HeldLock l = state.dotlock()) {
            state.reloadUidlist();
            if (!state.uidlist.exists() || (index.uidValidity() != 0 && state.uidlist.uidValidity() != index.uidValidity())) {
                if (!state.uidlist.exists()) {
                    // lost uidlist: every message gets a new UID under a new UIDVALIDITY, as Dovecot does
                    Uidlist fresh = Uidlist.create(UidValidityFile.next(state.uidValidityRoot, state.creator));
                    fresh.rewrite(paths.uidlist(), null, state.creator);
                    state.reloadUidlist();
                }
                resetForNewUidValidity(files);
            }
            index.uidValidity(state.uidlist.uidValidity());
            files.sort(Map.Entry.comparingByKey(MaildirSync::compareBaseNames));
            List<Uidlist.Line> lines = new ArrayList<>();
            long next = state.uidlist.nextUid();
            for (Map.Entry<String, Found> e : files) {
                Uidlist.Line existing = state.uidlist.byBase(e.getKey());
                if (existing != null && !index.contains(existing.uid())) {
                    adopt(existing.uid(), e.getKey(), e.getValue(), existing.ext(), firstLoad);
                    continue;
                }
                lines.add(new Uidlist.Line(next, e.getKey(), Map.of()));
                adopt(next, e.getKey(), e.getValue(), Map.of(), firstLoad);
                next++;
            }
            if (!lines.isEmpty()) state.uidlist.append(paths.uidlist(), lines, state.creator);
        }
    }

    /** The uidlist was replaced under us (new UIDVALIDITY): forget all UIDs and start over with the listed files. */
    private void resetForNewUidValidity(List<Map.Entry<String, Found>> files) {
        Map<String, Found> all = new HashMap<>();
        for (IndexRecord m : index.records().values()) {
            all.put(m.key(), new Found(MessageFile.fileName(m.location()), MessageFile.inNew(m.location())));
        }
        for (Map.Entry<String, Found> e : files) all.put(e.getKey(), e.getValue());
        index.clear();
        files.clear();
        files.addAll(all.entrySet());
    }

    /** Dovecot orders new files by their time stamp; base names start with seconds then .M<usec>. */
    static int compareBaseNames(String a, String b) {
        long ta = leadingNumber(a, 0);
        long tb = leadingNumber(b, 0);
        if (ta != tb) return Long.compare(ta, tb);
        int ua = a.indexOf(".M");
        int ub = b.indexOf(".M");
        if (ua > 0 && ub > 0) {
            long ma = leadingNumber(a, ua + 2);
            long mb = leadingNumber(b, ub + 2);
            if (ma != mb) return Long.compare(ma, mb);
        }
        return a.compareTo(b);
    }

    /** The number (at most 18 digits) starting at {@code from}; no substring, as sorting calls this a lot. */
    private static long leadingNumber(String s, int from) {
        long v = 0;
        int i = from;
        while (i < s.length() && i - from < 18 && Character.isDigit(s.charAt(i))) v = v * 10 + (s.charAt(i++) - '0');
        return v;
    }
}
