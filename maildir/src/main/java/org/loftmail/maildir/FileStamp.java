package org.loftmail.maildir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/** Identity and change marker of a file or directory: inode (file key), size, mtime in nanoseconds. */
record FileStamp(String key, long size, long mtimeNanos) {
    static final FileStamp MISSING = new FileStamp("", -1, -1);

    static FileStamp of(Path p) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            long nanos = a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
            return new FileStamp(Objects.toString(a.fileKey(), ""), a.size(), nanos);
        } catch (NoSuchFileException e) {
            return MISSING;
        }
    }

    String encode() {
        return key.replace(' ', '_') + " " + size + " " + mtimeNanos;
    }

    static FileStamp decode(String s) {
        String[] p = s.split(" ");
        if (p.length != 3) throw new IllegalArgumentException("bad stamp");
        return new FileStamp(p[0].replace('_', ' '), Long.parseLong(p[1]), Long.parseLong(p[2]));
    }
}
