package org.loftmail.mbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * How the mbox file looked: inode (file key), size and mtime in nanoseconds. Any write by anyone changes the size
 * or the mtime; a replaced file changes the key. {@link #settled} when the mtime was already older than a clock
 * tick when the stamp was taken, so a later process can trust it (no change can hide in the same tick).
 */
record FileStamp(String key, long size, long mtimeNanos, boolean settled) {

    static final FileStamp MISSING = new FileStamp("none", 0, 0, true);
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(2);

    static FileStamp of(Path file) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            long mtime = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
            long now = System.currentTimeMillis() * 1_000_000L;
            return new FileStamp(String.valueOf(a.fileKey()), a.size(), mtime, now - mtime > SETTLE_NANOS);
        } catch (NoSuchFileException e) {
            return MISSING;
        }
    }

    boolean sameAs(FileStamp o) {
        return o != null && key.equals(o.key) && size == o.size && mtimeNanos == o.mtimeNanos;
    }

    /** The stamp as the index stores it. */
    String encode() {
        return key + ";" + size + ";" + mtimeNanos;
    }
}
