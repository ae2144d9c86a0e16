package org.loftmail.auth.passdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A passwd-file kept in memory and re-read when it changes on disk (its mtime, size or inode
 * differ from what was read), checked at every lookup as Dovecot does. A file that disappears
 * after a successful read is an internal failure, not "unknown user".
 */
public final class PasswdFile {
    private static final Logger LOG = LoggerFactory.getLogger("auth");

    private final Path path;
    private Snapshot snapshot;

    private record Snapshot(Object fileKey, long mtimeNanos, long size, Map<String, PasswdFileEntry> users) {}

    /** Thrown when the file can't be read: callers turn it into a temporary failure. */
    public static final class UnreadableException extends Exception {
        public UnreadableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public PasswdFile(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    public Path path() {
        return path;
    }

    /** The entry for this exact user name, or null. */
    public synchronized PasswdFileEntry lookup(String user) throws UnreadableException {
        return current().users().get(user);
    }

    /** All user names in file order. */
    public synchronized List<String> users() throws UnreadableException {
        return List.copyOf(current().users().keySet());
    }

    private Snapshot current() throws UnreadableException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new UnreadableException("passwd-file " + path + ": No such file or directory", e);
        } catch (IOException e) {
            throw new UnreadableException("passwd-file " + path + ": " + e.getMessage(), e);
        }
        long mtime = attrs.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
        Snapshot s = snapshot;
        if (s != null && Objects.equals(s.fileKey(), attrs.fileKey()) && s.mtimeNanos() == mtime && s.size() == attrs.size()) {
            return s;
        }
        snapshot = read(attrs.fileKey(), mtime, attrs.size());
        return snapshot;
    }

    private Snapshot read(Object fileKey, long mtime, long size) throws UnreadableException {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UnreadableException("passwd-file " + path + ": " + e.getMessage(), e);
        }
        Map<String, PasswdFileEntry> users = new java.util.LinkedHashMap<>();
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            PasswdFileEntry entry;
            try {
                entry = PasswdFileEntry.parse(line);
            } catch (IllegalArgumentException e) {
                LOG.warn("passwd-file {} line {}: {}", path, lineNo, e.getMessage());
                continue;
            }
            if (users.putIfAbsent(entry.user(), entry) != null) {
                LOG.warn("passwd-file {} line {}: User {} exists more than once", path, lineNo, entry.user());
            }
        }
        if (snapshot != null) {
            LOG.debug("passwd-file {}: re-read ({} users)", path, users.size());
        }
        return new Snapshot(fileKey, mtime, size, java.util.Collections.unmodifiableMap(users));
    }
}
