package org.loftmail.core.storage.index;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * {@code loft.index}: the whole index at one moment (docs/adr/0300, 0303) — UIDVALIDITY, HIGHESTMODSEQ, UIDNEXT,
 * the expunge history's floor, every record, the expunge history, and the backend's stamp of the disk it was
 * taken from (opaque here; Maildir puts the stamps of dovecot-uidlist, cur/ and new/ in it). Magic, version and
 * a CRC32 trailer: anything else means "rebuild from the mail", as the index is a cache.
 */
final class IndexSnapshot {

    private static final long MAGIC = 0x4c4f4654494458_31L; // "LOFTIDX1"
    /** 5: records carry the backend's key and location (4, Maildir-only fields, is rebuilt from the mail). */
    static final int VERSION = 5;

    /** What a snapshot holds. {@code id} names it, so a change log knows which base it continues. */
    record Contents(long id, long savedAtNanos, String backendStamp, long uidValidity, long highestModSeq, long uidNext,
            long historyFloor, List<IndexRecord> records, Map<Long, Long> expunged) {}

    private final Path file;
    private final IndexFileCreator creator;

    IndexSnapshot(Path file, IndexFileCreator creator) {
        this.file = file;
        this.creator = creator;
    }

    /** Bytes in the current snapshot file (0 when there is none). */
    long size() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The snapshot, or empty when missing, of another version, or damaged. */
    Optional<Contents> load() {
        try (InputStream raw = new BufferedInputStream(java.nio.channels.Channels.newInputStream(creator.open(file, java.nio.file.StandardOpenOption.READ)), 1 << 16)) {
            CRC32 crc = new CRC32();
            DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc));
            if (in.readLong() != MAGIC || in.readInt() != VERSION) return Optional.empty();
            long id = in.readLong();
            long savedAt = in.readLong();
            String stamp = in.readUTF();
            long uidValidity = in.readLong();
            long highest = in.readLong();
            long uidNext = in.readLong();
            long floor = in.readLong();
            int count = in.readInt();
            if (count < 0) return Optional.empty();
            List<IndexRecord> records = new ArrayList<>(Math.min(count, 1 << 20));
            for (int i = 0; i < count; i++) records.add(IndexRecordCodec.read(in));
            int exp = in.readInt();
            if (exp < 0) return Optional.empty();
            Map<Long, Long> expunged = new TreeMap<>();
            for (int i = 0; i < exp; i++) expunged.put(in.readLong(), in.readLong());
            long expected = crc.getValue();
            if (new DataInputStream(raw).readLong() != expected) return Optional.empty();
            return Optional.of(new Contents(id, savedAt, stamp, uidValidity, highest, uidNext, floor, records, expunged));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // damaged: rebuilt from the mail
        }
    }

    /** Writes a new snapshot (write-new-then-rename, no fsync: losing it costs a rescan). False when it could not. */
    boolean save(long id, long savedAtNanos, String backendStamp, long uidValidity, long highestModSeq, long uidNext,
            long historyFloor, Collection<IndexRecord> records, Map<Long, Long> expunged) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp." + ProcessHandle.current().pid() + "." + Thread.currentThread().threadId());
        try {
            creator.directories(file.getParent());
            Files.deleteIfExists(tmp);
            try (OutputStream raw = new BufferedOutputStream(creator.newCacheFile(tmp), 1 << 16)) {
                CRC32 crc = new CRC32();
                DataOutputStream out = new DataOutputStream(new CheckedOutputStream(raw, crc));
                out.writeLong(MAGIC);
                out.writeInt(VERSION);
                out.writeLong(id);
                out.writeLong(savedAtNanos);
                out.writeUTF(backendStamp);
                out.writeLong(uidValidity);
                out.writeLong(highestModSeq);
                out.writeLong(uidNext);
                out.writeLong(historyFloor);
                out.writeInt(records.size());
                for (IndexRecord r : records) IndexRecordCodec.write(out, r);
                out.writeInt(expunged.size());
                for (Map.Entry<Long, Long> e : expunged.entrySet()) {
                    out.writeLong(e.getKey());
                    out.writeLong(e.getValue());
                }
                out.flush();
                new DataOutputStream(raw).writeLong(crc.getValue());
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // nothing more to do: the index is only a cache
            }
            return false;
        }
    }
}
