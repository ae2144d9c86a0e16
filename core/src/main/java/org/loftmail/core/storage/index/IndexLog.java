package org.loftmail.core.storage.index;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * {@code loft.index.log}: the changes made since the base snapshot {@code loft.index} was written, appended one
 * batch per commit (as Dovecot's {@code dovecot.index.log} follows {@code dovecot.index}), so a change costs what
 * it changed, not the whole mailbox. Not fsynced: the index is a cache.
 *
 * <p>Layout: a 24-byte header ({@code LOFTLOG1}, version, the id of the base it continues) then batches
 * {@code [payload length][crc32][offset][payload]}; the payload holds the batch's {@link Header} and its
 * {@link IndexChange}s. A batch counts only if it is whole, its CRC matches, and it says it starts where it does:
 * a crash in the middle of a write, or two processes appending at once, ends the replay there (what follows is
 * ignored, and the next writer starts a new base). A log whose base id is not the base's is ignored.
 */
final class IndexLog {

    private static final long MAGIC = 0x4c4f46544c4f47_31L; // "LOFTLOG1"
    private static final int VERSION = 1;
    private static final int HEADER = 24;
    private static final int MAX_BATCH = 64 << 20;

    /** What the index looked like after a batch: enough to trust (or not) the disk without the base. */
    record Header(long savedAtNanos, String backendStamp, long uidValidity, long highestModSeq, long uidNext, long historyFloor) {}

    /** A replayed log: the last batch's header (empty when none), and where the valid part ends. */
    record Replayed(Optional<Header> last, long end, boolean whole) {}

    private final Path file;
    private final IndexFileCreator creator;
    /** Where this process expects the log to end: its own last append, or the end of its replay. 0: not ours. */
    private long expectedEnd;
    private long expectedBase = -1;

    IndexLog(Path file, IndexFileCreator creator) {
        this.file = file;
        this.creator = creator;
    }

    long size() {
        return expectedEnd;
    }

    /** Replays the batches that continue base {@code baseId} onto the index. */
    Replayed replay(long baseId, MailboxIndex index) {
        Optional<Header> last = Optional.empty();
        long pos = 0;
        boolean whole = false;
        try (InputStream raw = java.nio.channels.Channels.newInputStream(creator.open(file, StandardOpenOption.READ))) {
            byte[] all = raw.readAllBytes();
            ByteBuffer b = ByteBuffer.wrap(all);
            if (all.length < HEADER || b.getLong() != MAGIC || b.getInt() != VERSION) return new Replayed(last, 0, false);
            b.getInt();
            if (b.getLong() != baseId) return new Replayed(last, 0, false);
            pos = HEADER;
            while (pos + 16 <= all.length) {
                b.position((int) pos);
                int length = b.getInt();
                int crcValue = b.getInt();
                if (length < 8 || length > MAX_BATCH || pos + 8 + length > all.length) break;
                CRC32 crc = new CRC32();
                crc.update(all, (int) pos + 8, length);
                if ((int) crc.getValue() != crcValue || b.getLong() != pos) break;
                DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(all, (int) pos + 16, length - 8));
                Header h = new Header(in.readLong(), in.readUTF(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
                int count = in.readInt();
                List<IndexChange> changes = new ArrayList<>(Math.max(0, Math.min(count, 1 << 16)));
                for (int i = 0; i < count; i++) changes.add(IndexChange.read(in));
                for (IndexChange c : changes) c.replay(index);
                index.replayHeader(h);
                last = Optional.of(h);
                pos += 8 + length;
            }
            whole = pos == all.length;
        } catch (NoSuchFileException e) {
            return new Replayed(last, 0, false);
        } catch (IOException | RuntimeException e) {
            // damaged: what was replayed so far stands, its header says which disk it describes
        }
        if (whole) {
            expectedEnd = pos;
            expectedBase = baseId;
        }
        return new Replayed(last, pos, whole);
    }

    /** Starts an empty log for a new base (write-new-then-rename). */
    boolean start(long baseId) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp." + ProcessHandle.current().pid() + "." + Thread.currentThread().threadId());
        try {
            Files.deleteIfExists(tmp);
            try (OutputStream out = creator.newCacheFile(tmp)) {
                out.write(ByteBuffer.allocate(HEADER).putLong(MAGIC).putInt(VERSION).putInt(0).putLong(baseId).array());
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            expectedEnd = HEADER;
            expectedBase = baseId;
            return true;
        } catch (IOException e) {
            expectedEnd = 0;
            expectedBase = -1;
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // only a cache
            }
            return false;
        }
    }

    /**
     * Appends one batch to the log of base {@code baseId}, if the log is still exactly as this process left it
     * (nobody else appended, nothing was torn). False when it is not, or the write failed: the caller writes a
     * new base instead.
     */
    boolean append(long baseId, Header h, List<IndexChange> changes) {
        if (expectedBase != baseId || expectedEnd < HEADER) return false;
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + changes.size() * 32);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(0);
            out.writeInt(0);
            out.writeLong(expectedEnd);
            out.writeLong(h.savedAtNanos());
            out.writeUTF(h.backendStamp());
            out.writeLong(h.uidValidity());
            out.writeLong(h.highestModSeq());
            out.writeLong(h.uidNext());
            out.writeLong(h.historyFloor());
            out.writeInt(changes.size());
            for (IndexChange c : changes) c.write(out);
            out.flush();
            byte[] batch = bytes.toByteArray();
            int length = batch.length - 8;
            CRC32 crc = new CRC32();
            crc.update(batch, 8, length);
            ByteBuffer.wrap(batch).putInt(0, length).putInt(4, (int) crc.getValue());
            // the check and the write hold the log's lock and go to the one file this channel has open, even if
            // another process renames a new log into place meanwhile; readers need no lock (CRC and offsets)
            try (FileChannel ch = creator.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                    FileLock lock = ch.lock()) {
                ByteBuffer head = ByteBuffer.allocate(8);
                while (head.hasRemaining()) if (ch.read(head, 16 + head.position()) < 0) break;
                if (ch.size() != expectedEnd || head.hasRemaining() || head.getLong(0) != baseId) {
                    expectedBase = -1; // someone else wrote it or started a new base, or a torn batch sits at its end
                    return false;
                }
                ByteBuffer buf = ByteBuffer.wrap(batch);
                while (buf.hasRemaining()) ch.write(buf, expectedEnd + buf.position());
                expectedEnd += batch.length;
            } catch (OverlappingFileLockException e) {
                expectedBase = -1; // another index of this mailbox in this JVM is writing: a new base settles it
                return false;
            }
            return true;
        } catch (IOException e) {
            expectedBase = -1;
            return false;
        }
    }
}
