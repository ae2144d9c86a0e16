package org.loftmail.core.storage.index;

import java.nio.file.Path;
import java.util.Optional;

/**
 * When and how the index reaches the disk. Changes are kept in memory and written lazily — the first change after
 * a quiet spell at once, then at most every {@link #SAVE_INTERVAL_MILLIS}, and when the last view closes, an idle
 * index is dropped or the process shuts down — because a lost or stale index costs a rescan, never a wrong
 * answer. MODSEQs must never be handed out twice even if the process dies before the index is written:
 * {@code loft.modseq} holds a ceiling reserved {@link #MODSEQ_RESERVATION} ahead (ADR 0302).
 */
final class IndexStore {

    static final long SAVE_INTERVAL_MILLIS = 5000;
    static final long MODSEQ_RESERVATION = 1024;

    /** A loaded index, with MODSEQ and history floor already raised past a ceiling a dead process left. */
    record Loaded(IndexSnapshot.Contents contents, long highestModSeq, long historyFloor) {}

    private final IndexSnapshot snapshot;
    private final ModSeqCeiling ceiling;
    private long ceilingValue;
    private long lastSaveMillis;
    private boolean dirty;
    private String savedStamp;
    private boolean savedSettled;
    private long savedAtNanos;

    IndexStore(Path indexDir, IndexFileCreator creator) {
        this.snapshot = new IndexSnapshot(indexDir.resolve("loft.index"), creator);
        this.ceiling = new ModSeqCeiling(indexDir.resolve("loft.modseq"), creator);
    }

    Optional<Loaded> load() {
        Optional<IndexSnapshot.Contents> c = snapshot.load();
        if (c.isEmpty()) return Optional.empty();
        IndexSnapshot.Contents s = c.get();
        long reserved = ceiling.load();
        long floor = s.historyFloor();
        if (reserved > s.highestModSeq()) {
            // a process changed the mailbox after this snapshot and did not write another (it died): expunges it
            // made are not in the history, so clients past this snapshot get every missing UID instead
            floor = Math.max(floor, s.highestModSeq() + 1);
        }
        savedStamp = s.backendStamp();
        savedAtNanos = s.savedAtNanos();
        savedSettled = true; // if the backend does not trust it, its rescan writes a new one at once
        return Optional.of(new Loaded(s, Math.max(s.highestModSeq(), reserved), floor));
    }

    /** The ceiling left by earlier processes (0 when none): MODSEQs continue above it when there is no index. */
    long reservedCeiling() {
        return ceiling.load();
    }

    String savedStamp() {
        return savedStamp;
    }

    long savedAtNanos() {
        return savedAtNanos;
    }

    boolean dirty() {
        return dirty;
    }

    /** True when the last write could not be trusted later (the disk was still changing then). */
    boolean savedUnsettled() {
        return savedStamp == null || !savedSettled;
    }

    /** The index changed: reserve MODSEQs ahead if needed, and write it if the last write is old enough. */
    void changed(MailboxIndex index, DiskStamp disk) {
        if (index.highestModSeq() > ceilingValue) {
            ceilingValue = index.highestModSeq() + MODSEQ_RESERVATION;
            ceiling.save(ceilingValue);
        }
        if (System.currentTimeMillis() - lastSaveMillis < SAVE_INTERVAL_MILLIS) {
            dirty = true;
            return;
        }
        write(index, disk);
    }

    /** Writes the index now. */
    void write(MailboxIndex index, DiskStamp disk) {
        dirty = false;
        lastSaveMillis = System.currentTimeMillis();
        long now = System.currentTimeMillis() * 1_000_000L;
        String stamp = disk.current();
        boolean settled = disk.settled();
        if (snapshot.save(now, now, stamp, index.uidValidity(), index.highestModSeq(), disk.uidNext(),
                index.history().floor(), index.records().values(), index.history().entries())) {
            savedStamp = stamp;
            savedSettled = settled;
            savedAtNanos = now;
        }
        if (ceilingValue > index.highestModSeq()) {
            // the index now carries HIGHESTMODSEQ: lower the ceiling so a reload continues from the exact value
            ceiling.save(index.highestModSeq());
            ceilingValue = index.highestModSeq();
        }
    }
}
