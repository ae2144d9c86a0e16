package org.loftmail.core.storage.index;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code loft.modseq}: 8 bytes, a MODSEQ no process has handed out anything above (ADR 0302). It is raised
 * by a reservation before MODSEQs above it are used, so the index itself may be written lazily, and lowered to
 * the exact HIGHESTMODSEQ when the index catches up, so a clean restart continues exactly.
 */
final class ModSeqCeiling {

    private final Path file;
    private final IndexFileCreator creator;

    ModSeqCeiling(Path file, IndexFileCreator creator) {
        this.file = file;
        this.creator = creator;
    }

    /** Writes the value (write-then-rename; a cache, so no fsync). */
    void save(long value) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp." + ProcessHandle.current().pid() + "." + Thread.currentThread().threadId());
        try {
            Files.deleteIfExists(tmp);
            try (OutputStream out = creator.newCacheFile(tmp)) {
                out.write(ByteBuffer.allocate(8).putLong(value).array());
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // only a cache: the index carries the value too; a failed write (disk full) leaves no temporary file
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }

    /** The stored value, 0 when missing or unreadable. */
    long load() {
        try {
            byte[] b;
            try (java.io.InputStream in = java.nio.channels.Channels.newInputStream(
                    creator.open(file, java.nio.file.StandardOpenOption.READ))) {
                b = in.readNBytes(9);
            }
            return b.length == 8 ? ByteBuffer.wrap(b).getLong() : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
