package org.loftmail.core.storage.index;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how the index reaches the disk (ADR 0303): a base snapshot {@code loft.index} and the change log
 * {@code loft.index.log} after it. Each commit appends the changes made since the last one (a few bytes per
 * changed message); the base is rewritten only when the log has grown past half the base (at least
 * {@link #MIN_COMPACT_BYTES}), when the log is not this process's to continue (another process wrote to it, or
 * a crash tore its end), and then at most every {@link #BASE_INTERVAL_MILLIS} — in between the changes wait in
 * memory. Nothing is fsynced: a lost or stale index costs a rescan, never a wrong answer. MODSEQs must never be
 * handed out twice even if the index files are lost: {@code loft.modseq} holds a ceiling reserved
 * {@link #MODSEQ_RESERVATION} ahead (ADR 0302), lowered to the exact value when the index is quiet.
 */
final class IndexStore {

    static final long BASE_INTERVAL_MILLIS = 5000;
    static final long MODSEQ_RESERVATION = 1024;
    static final long MIN_COMPACT_BYTES = 64 << 10;

    /** A loaded index, with MODSEQ and history floor already raised past a ceiling a dead process left. */
    record Loaded(String backendStamp, long savedAtNanos, long uidNext) {}

    private final IndexSnapshot snapshot;
    private final IndexLog log;
    private final ModSeqCeiling ceiling;
    /** Changes made since the last write, in order. */
    private final List<IndexChange> pending = new ArrayList<>();
    /** {@link #BASE_INTERVAL_MILLIS}; tests set 0 to see compaction without waiting. */
    long baseIntervalMillis = BASE_INTERVAL_MILLIS;
    private long baseId = -1;
    private long baseBytes;
    private long ceilingValue;
    private long lastBaseMillis;
    private boolean dirty;
    private String savedStamp;
    private boolean savedSettled;

    IndexStore(Path indexDir, IndexFileCreator creator) {
        this.snapshot = new IndexSnapshot(indexDir.resolve("loft.index"), creator);
        this.log = new IndexLog(indexDir.resolve("loft.index.log"), creator);
        this.ceiling = new ModSeqCeiling(indexDir.resolve("loft.modseq"), creator);
    }

    void record(IndexChange change) {
        pending.add(change);
    }

    /** Restores the base and replays its log into {@code index}; empty (index untouched) when there is no usable base. */
    Optional<Loaded> load(MailboxIndex index) {
        Optional<IndexSnapshot.Contents> c = snapshot.load();
        if (c.isEmpty()) return Optional.empty();
        IndexSnapshot.Contents base = c.get();
        index.restore(base);
        baseId = base.id();
        baseBytes = snapshot.size();
        IndexLog.Replayed replayed = log.replay(base.id(), index);
        String stamp = base.backendStamp();
        long savedAt = base.savedAtNanos();
        long uidNext = base.uidNext();
        if (replayed.last().isPresent()) {
            IndexLog.Header h = replayed.last().get();
            stamp = h.backendStamp();
            savedAt = h.savedAtNanos();
            uidNext = h.uidNext();
        }
        long written = index.highestModSeq();
        long reserved = ceiling.load();
        if (reserved > written) {
            // a process changed the mailbox after this index was written and did not write it (it died, or could
            // not): expunges it made are not in the history, so clients past this point get every missing UID
            index.raiseModSeq(reserved, written + 1);
        }
        pending.clear();
        savedStamp = stamp;
        savedSettled = true; // if the backend does not trust it, its rescan writes a new one at once
        return Optional.of(new Loaded(stamp, savedAt, uidNext));
    }

    /** The ceiling left by earlier processes (0 when none): MODSEQs continue above it when there is no index. */
    long reservedCeiling() {
        return ceiling.load();
    }

    boolean dirty() {
        return dirty;
    }

    /** True when the last write could not be trusted later (the disk was still changing then). */
    boolean savedUnsettled() {
        return savedStamp == null || !savedSettled;
    }

    /** The index changed: reserve MODSEQs ahead if needed, then append the changes (or write a base when due). */
    void changed(MailboxIndex index, DiskStamp disk) {
        reserveModSeqs(index);
        if (pending.isEmpty() && baseId >= 0) {
            // only the backend's stamps moved (a sync that found nothing new): no log batch for that — it goes out
            // with the next change, when the last view closes, or when the index leaves memory
            dirty = true;
            return;
        }
        boolean baseIsRecent = System.currentTimeMillis() - lastBaseMillis < baseIntervalMillis;
        // a log over its size keeps growing until the last base is old enough to be worth replacing
        if (baseId >= 0 && (!logTooLarge() || baseIsRecent) && appendPending(index, disk)) return;
        if (baseIsRecent) {
            dirty = true;
            return;
        }
        writeBase(index, disk);
    }

    /** Writes what is pending now (the last view closed, the index is dropped, the process shuts down). */
    void write(MailboxIndex index, DiskStamp disk) {
        if (appendable() && appendPending(index, disk)) {
            lowerCeiling(index);
            return;
        }
        writeBase(index, disk);
    }

    /** Nobody uses the index now: if everything is on disk, the ceiling may come down to the exact value. */
    void quiet(MailboxIndex index) {
        if (!dirty) lowerCeiling(index);
    }

    /**
     * MODSEQs handed out must stay above what a restart finds even if the index files are lost or behind, so the
     * ceiling runs ahead of them: one small write per {@link #MODSEQ_RESERVATION} changes. It comes down to the
     * exact value when the index is quiet (a restart then trusts the expunge history without a gap).
     */
    private void reserveModSeqs(MailboxIndex index) {
        if (index.highestModSeq() > ceilingValue) {
            ceilingValue = index.highestModSeq() + MODSEQ_RESERVATION;
            ceiling.save(ceilingValue);
        }
    }

    private boolean appendable() {
        return baseId >= 0 && !logTooLarge();
    }

    private boolean logTooLarge() {
        return log.size() > Math.max(MIN_COMPACT_BYTES, baseBytes / 2);
    }

    private boolean appendPending(MailboxIndex index, DiskStamp disk) {
        long now = System.currentTimeMillis() * 1_000_000L;
        String stamp = disk.current();
        boolean settled = disk.settled();
        IndexLog.Header h = new IndexLog.Header(now, stamp, index.uidValidity(), index.highestModSeq(), disk.uidNext(),
                index.history().floor());
        if (!log.append(baseId, h, pending)) return false;
        pending.clear();
        dirty = false;
        savedStamp = stamp;
        savedSettled = settled;
        return true;
    }

    private void writeBase(MailboxIndex index, DiskStamp disk) {
        dirty = false;
        lastBaseMillis = System.currentTimeMillis();
        long now = lastBaseMillis * 1_000_000L;
        String stamp = disk.current();
        boolean settled = disk.settled();
        long id = ThreadLocalRandom.current().nextLong(Long.MAX_VALUE);
        if (snapshot.save(id, now, stamp, index.uidValidity(), index.highestModSeq(), disk.uidNext(),
                index.history().floor(), index.records().values(), index.history().entries())) {
            pending.clear();
            baseId = id;
            baseBytes = snapshot.size();
            log.start(id);
            savedStamp = stamp;
            savedSettled = settled;
            lowerCeiling(index);
        } else {
            dirty = true;
        }
    }

    private void lowerCeiling(MailboxIndex index) {
        if (ceilingValue > index.highestModSeq()) {
            // the index on disk carries HIGHESTMODSEQ again: lower the ceiling so a reload continues from the exact
            // value (and does not think a process died with changes only it knew)
            ceiling.save(index.highestModSeq());
            ceilingValue = index.highestModSeq();
        }
    }
}
