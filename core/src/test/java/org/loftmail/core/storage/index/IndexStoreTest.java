package org.loftmail.core.storage.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.mail.UidSet;

/** The index on disk: a base and an append-only log that a later process replays to the same index. */
class IndexStoreTest {

    @TempDir
    Path dir;

    private static final IndexFileCreator FILES = PlainIndexFiles.INSTANCE;

    /** A backend whose disk never changes: its stamp is always trusted. */
    private static final class FixedDisk implements DiskStamp {
        long uidNext = 1;

        @Override
        public String current() {
            return "disk-1";
        }

        @Override
        public boolean settled() {
            return true;
        }

        @Override
        public long uidNext() {
            return uidNext;
        }
    }

    private final FixedDisk disk = new FixedDisk();

    private MailboxIndex open() {
        return open(FILES);
    }

    private MailboxIndex open(IndexFileCreator files) {
        MailboxIndex index = new MailboxIndex(MailboxName.INBOX, dir, files, ChangeFeed.Watch.NONE);
        index.diskStamp(disk);
        return index;
    }

    private static void add(MailboxIndex index, long uid) {
        index.add(new IndexRecord(uid, "key" + uid, "cur/key" + uid + ":2,", Flags.NONE, Instant.ofEpochSecond(1_700_000_000L + uid),
                100 + uid, 110 + uid, index.nextModSeq(), "key" + uid), true);
    }

    private static String describe(MailboxIndex index) {
        StringBuilder sb = new StringBuilder("validity=" + index.uidValidity() + " highest=" + index.highestModSeq()
                + " expunged=" + index.history().entries() + " floor=" + index.history().floor() + "\n");
        for (IndexRecord r : index.records().values()) {
            sb.append(r.uid()).append(' ').append(r.key()).append(' ').append(r.location()).append(' ').append(r.flags())
                    .append(' ').append(r.internalDate()).append(' ').append(r.physicalSize()).append(' ').append(r.virtualSize())
                    .append(' ').append(r.modSeq()).append(' ').append(r.guid()).append('\n');
        }
        return sb.toString();
    }

    /** The index as a new process loads it from disk. */
    private String reloaded() {
        MailboxIndex later = open();
        later.lock().lock();
        try {
            later.load().orElseThrow();
            return describe(later);
        } finally {
            later.lock().unlock();
        }
    }

    /** A mailbox of ten messages written as a base. */
    private MailboxIndex populated() {
        MailboxIndex index = open();
        index.lock().lock();
        try {
            index.load();
            index.uidValidity(1234);
            for (long uid = 1; uid <= 10; uid++) add(index, uid);
            disk.uidNext = 11;
            index.commit();
        } finally {
            index.lock().unlock();
        }
        return index;
    }

    /**
     * ADR 0305: existing index files are opened through the backend's creator (Maildir's confines them beneath the
     * user's roots), never by path: a creator that refuses every open leaves the index unable to read them.
     */
    @Test
    void existingIndexFilesAreOpenedOnlyThroughTheCreator() throws Exception {
        MailboxIndex index = populated();
        index.lock().lock();
        try {
            add(index, 11);
            disk.uidNext = 12;
            index.commit();
        } finally {
            index.lock().unlock();
        }
        index.flushPending();
        java.util.Set<String> opened = new java.util.TreeSet<>();
        IndexFileCreator refusing = new IndexFileCreator() {
            @Override
            public void directories(Path d) throws java.io.IOException {
                FILES.directories(d);
            }

            @Override
            public java.io.OutputStream newCacheFile(Path file) throws java.io.IOException {
                return FILES.newCacheFile(file);
            }

            @Override
            public java.nio.channels.FileChannel open(Path file, java.nio.file.OpenOption... options) throws java.io.IOException {
                opened.add(file.getFileName().toString());
                throw new java.nio.file.AccessDeniedException(file.toString(), null, "refused by the test");
            }
        };
        MailboxIndex later = open(refusing);
        later.lock().lock();
        try {
            assertThat(later.load()).isEmpty();
        } finally {
            later.lock().unlock();
        }
        assertThat(opened).contains("loft.index");
    }

    @Test
    void changesAreAppendedToTheLogAndReplayedExactly() throws Exception {
        MailboxIndex index = populated();
        byte[] base = Files.readAllBytes(dir.resolve("loft.index"));
        long logBefore = Files.size(dir.resolve("loft.index.log"));
        index.lock().lock();
        try {
            index.setFlags(index.get(3), Flags.of(List.of(SystemFlag.SEEN), List.of("$Work")));
            index.relocate(index.get(3), "cur/key3:2,S");
            index.expunge(List.of(4L, 5L));
            add(index, 11);
            index.setFlags(index.get(11), Flags.of(SystemFlag.FLAGGED));
            disk.uidNext = 12;
            index.commit();
        } finally {
            index.lock().unlock();
        }
        assertThat(Files.readAllBytes(dir.resolve("loft.index"))).as("the base is not rewritten for a change").isEqualTo(base);
        assertThat(Files.size(dir.resolve("loft.index.log"))).isGreaterThan(logBefore);

        index.flushPending(); // the writer goes quiet: its MODSEQ ceiling comes down to the exact value
        MailboxIndex later = open();
        later.lock().lock();
        try {
            MailboxIndex.StoredIndex stored = later.load().orElseThrow();
            assertThat(stored.backendStamp()).isEqualTo("disk-1");
            assertThat(stored.uidNext()).isEqualTo(12);
            assertThat(describe(later)).isEqualTo(describe(index));
            assertThat(later.expungedSince(index.highestModSeq() - 3)).isEqualTo(UidSet.of(4, 5));
        } finally {
            later.lock().unlock();
        }
    }

    @Test
    void aTornLogEndsTheReplayAndTheNextWriteStartsANewBase() throws Exception {
        MailboxIndex index = populated();
        index.lock().lock();
        try {
            index.setFlags(index.get(2), Flags.of(SystemFlag.SEEN));
            index.commit();
        } finally {
            index.lock().unlock();
        }
        index.flushPending();
        String whole = describe(index);
        // a process died in the middle of its next append
        Files.write(dir.resolve("loft.index.log"), new byte[] {0, 0, 1, 0, 7, 7, 7}, StandardOpenOption.APPEND);
        byte[] base = Files.readAllBytes(dir.resolve("loft.index"));

        MailboxIndex later = open();
        later.lock().lock();
        try {
            later.load().orElseThrow();
            assertThat(describe(later)).isEqualTo(whole);
            later.setFlags(later.get(6), Flags.of(SystemFlag.ANSWERED));
            later.commit();
        } finally {
            later.lock().unlock();
        }
        assertThat(Files.readAllBytes(dir.resolve("loft.index"))).as("appending after damage would hide the batch").isNotEqualTo(base);
        later.flushPending();
        assertThat(reloaded()).isEqualTo(describe(later));
    }

    @Test
    void aLogThatContinuesAnotherBaseIsIgnored() throws Exception {
        MailboxIndex index = populated();
        Path log = dir.resolve("loft.index.log");
        Path savedLog = dir.resolve("saved.log");
        index.lock().lock();
        try {
            index.setFlags(index.get(1), Flags.of(SystemFlag.DELETED));
            index.commit();
            Files.copy(log, savedLog);
            index.store().baseIntervalMillis = 0;
            index.store().write(index, disk);
        } finally {
            index.lock().unlock();
        }
        // the old log (of the previous base) is put back beside the new base
        Files.copy(savedLog, log, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        index.lock().lock();
        try {
            index.setFlags(index.get(1), Flags.NONE); // this process cannot append to it now: a new base follows
            index.commit();
        } finally {
            index.lock().unlock();
        }
        index.flushPending();
        assertThat(reloaded()).isEqualTo(describe(index));
    }

    @Test
    void theBaseIsRewrittenOnlyWhenTheLogOutgrowsIt() throws Exception {
        MailboxIndex index = populated();
        index.store().baseIntervalMillis = 0;
        byte[] base = Files.readAllBytes(dir.resolve("loft.index"));
        int appends = 0;
        index.lock().lock();
        try {
            while (Files.size(dir.resolve("loft.index.log")) <= IndexStore.MIN_COMPACT_BYTES) {
                IndexRecord r = index.get(1 + appends % 10);
                index.setFlags(r, r.flags().contains(SystemFlag.SEEN) ? Flags.NONE : Flags.of(SystemFlag.SEEN));
                index.commit();
                appends++;
                assertThat(Files.readAllBytes(dir.resolve("loft.index"))).isEqualTo(base);
            }
            assertThat(appends).isGreaterThan(100);
            IndexRecord r = index.get(7);
            index.setFlags(r, Flags.of(SystemFlag.FLAGGED));
            index.commit();
        } finally {
            index.lock().unlock();
        }
        assertThat(Files.readAllBytes(dir.resolve("loft.index"))).as("compacted").isNotEqualTo(base);
        assertThat(Files.size(dir.resolve("loft.index.log"))).isLessThan(IndexStore.MIN_COMPACT_BYTES);
        index.flushPending();
        assertThat(reloaded()).isEqualTo(describe(index));
    }

    @Test
    void aDamagedOrForeignBaseLoadsNothing() throws Exception {
        populated();
        Path base = dir.resolve("loft.index");
        byte[] bytes = Files.readAllBytes(base);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(base, bytes);
        MailboxIndex later = open();
        later.lock().lock();
        try {
            assertThat(later.load()).isEmpty();
            assertThat(later.size()).isZero();
            assertThat(later.highestModSeq()).as("continues above what was reserved").isGreaterThan(10);
        } finally {
            later.lock().unlock();
        }
        // the previous format (version 4, Maildir-only fields) is not read: the backend rebuilds from the mail
        Files.write(base, java.nio.ByteBuffer.allocate(12).putLong(0x4c4f4654494458_31L).putInt(4).array());
        MailboxIndex again = open();
        again.lock().lock();
        try {
            assertThat(again.load()).isEmpty();
        } finally {
            again.lock().unlock();
        }
    }
}
