package org.loftmail.mbox;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A dot-lock {@code <file>.lock} as Postfix local(8), procmail, mutt and Dovecot take it on an mbox: whoever
 * creates the lock file (by linking a temporary file into place, so the lock always names its holder and works on
 * NFS) holds it. The content is {@code <pid>:<host>}. A lock whose holder on this host is gone is removed at once;
 * any other lock is broken once neither it nor the protected file has changed for the stale time
 * ({@code mbox_dotlock_change_timeout}, 2 minutes by default), as Dovecot does.
 */
final class Dotlock implements AutoCloseable {

    static final String HOST = hostName();

    private final Path path;
    private final String content;
    private boolean released;

    private Dotlock(Path path, String content) {
        this.path = path;
        this.content = content;
    }

    /** The lock file for {@code file}: {@code file.lock} beside it. */
    static Path lockFileFor(Path file) {
        return file.resolveSibling(file.getFileName() + ".lock");
    }

    /**
     * Takes the lock on {@code protectedFile}, waiting at most {@code timeout}; empty when someone keeps it that
     * long. {@link AccessDeniedException} when the directory does not let us create it.
     */
    static Optional<Dotlock> acquire(Path lockFile, Path protectedFile, Duration timeout, Duration stale) throws IOException {
        String content = ProcessHandle.current().pid() + ":" + HOST;
        long deadline = System.nanoTime() + timeout.toNanos();
        long sleepMs = 1;
        while (true) {
            if (create(lockFile, content)) return Optional.of(new Dotlock(lockFile, content));
            if (isStale(lockFile, protectedFile, stale)) {
                Files.deleteIfExists(lockFile);
                continue;
            }
            if (System.nanoTime() >= deadline) return Optional.empty();
            try {
                Thread.sleep(sleepMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + lockFile);
            }
            sleepMs = Math.min(sleepMs * 2, 100);
        }
    }

    private static boolean create(Path lockFile, String content) throws IOException {
        Path tmp = lockFile.resolveSibling(".lk" + lockFile.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Thread.currentThread().threadId() + "." + System.nanoTime());
        Files.write(tmp, content.getBytes(StandardCharsets.US_ASCII));
        try {
            Files.createLink(lockFile, tmp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean isStale(Path lockFile, Path protectedFile, Duration stale) throws IOException {
        String holder;
        FileTime lockTime;
        try {
            holder = Files.readString(lockFile, StandardCharsets.ISO_8859_1).trim();
            lockTime = Files.getLastModifiedTime(lockFile);
        } catch (NoSuchFileException e) {
            return false; // released meanwhile: try again at once
        }
        int colon = holder.indexOf(':');
        if (colon > 0 && holder.substring(colon + 1).equals(HOST)) {
            try {
                long pid = Long.parseLong(holder.substring(0, colon));
                if (ProcessHandle.of(pid).isEmpty()) return true;
            } catch (NumberFormatException e) {
                // not ours to judge by pid
            }
        }
        Instant changed = lockTime.toInstant();
        try {
            Instant fileTime = Files.getLastModifiedTime(protectedFile).toInstant();
            if (fileTime.isAfter(changed)) changed = fileTime;
        } catch (NoSuchFileException e) {
            // the mailbox is gone: only the lock's own age counts
        }
        return changed.plus(stale).isBefore(Instant.now());
    }

    /** True while the lock file is still the one we created. */
    boolean held() {
        try {
            return Files.readString(path, StandardCharsets.ISO_8859_1).trim().equals(content);
        } catch (IOException e) {
            return false;
        }
    }

    /** Keeps a long holder's lock from looking stale. */
    void touch() {
        try {
            Files.setLastModifiedTime(path, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // the next check notices a lost lock
        }
    }

    @Override
    public void close() {
        if (released) return;
        released = true;
        try {
            if (held()) Files.deleteIfExists(path);
        } catch (IOException e) {
            // a lock we cannot remove goes stale and is broken by the next locker
        }
    }

    private static String hostName() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            int dot = h.indexOf('.');
            return dot > 0 ? h.substring(0, dot) : h;
        } catch (IOException e) {
            return "localhost";
        }
    }
}
