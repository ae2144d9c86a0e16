package org.loftmail.maildir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.loftmail.core.storage.MailStorageException;

/**
 * Dovecot-style dot-lock ({@code dovecot-uidlist.lock}, {@code dovecot-pop3-session.lock}): the lock is held by
 * whoever created the file with O_EXCL; it contains {@code <pid>:<host>} with the host as gethostname() gives it,
 * as Dovecot writes it. A lock whose process is gone (same host) is removed at once; one whose mtime has not
 * moved for the stale timeout (2 minutes for the uidlist lock, 5 for the POP3 session lock) is removed too, so a
 * holder that lives long {@link #touch}es it.
 */
final class Dotlock implements AutoCloseable {

    static final Duration STALE = Duration.ofMinutes(2);
    static final String HOST = hostName();

    private final Path path;
    private final String content;
    private boolean released;

    private Dotlock(Path path, String content) {
        this.path = path;
        this.content = content;
    }

    static Dotlock acquire(Path path, Duration timeout) throws MailStorageException {
        Dotlock lock = tryAcquire(path, timeout, STALE);
        if (lock == null) throw new MailStorageException("timed out waiting for lock " + path);
        return lock;
    }

    /** Takes the lock, waiting at most {@code timeout}; null when another holder keeps it that long. */
    static Dotlock tryAcquire(Path path, Duration timeout, Duration stale) throws MailStorageException {
        String content = ProcessHandle.current().pid() + ":" + HOST;
        long deadline = System.nanoTime() + timeout.toNanos();
        long sleepMs = 1;
        while (true) {
            try {
                Files.write(path, content.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return new Dotlock(path, content);
            } catch (FileAlreadyExistsException e) {
                if (removeIfStale(path, stale)) continue;
            } catch (NoSuchFileException e) {
                throw new MailStorageException("mailbox directory vanished: " + path.getParent(), e);
            } catch (IOException e) {
                throw new MailStorageException("cannot create lock " + path + ": " + e.getMessage(), e);
            }
            if (System.nanoTime() > deadline) return null;
            try {
                Thread.sleep(sleepMs);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new MailStorageException("interrupted while waiting for lock " + path);
            }
            sleepMs = Math.min(sleepMs * 2, 50);
        }
    }

    private static boolean removeIfStale(Path path, Duration stale) {
        try {
            String holder = Files.readString(path, StandardCharsets.US_ASCII).trim();
            FileTime mtime = Files.getLastModifiedTime(path);
            boolean dead = false;
            int colon = holder.indexOf(':');
            if (colon > 0 && holder.substring(colon + 1).equals(HOST)) {
                try {
                    long pid = Long.parseLong(holder.substring(0, colon));
                    dead = ProcessHandle.of(pid).map(ph -> !ph.isAlive()).orElse(true);
                } catch (NumberFormatException e) {
                    dead = false;
                }
            }
            boolean old = mtime.toInstant().isBefore(Instant.now().minus(stale));
            if (dead || old) {
                // Only remove the lock we inspected: another process may have replaced it meanwhile.
                String again = Files.readString(path, StandardCharsets.US_ASCII).trim();
                if (again.equals(holder)) {
                    Files.deleteIfExists(path);
                    return true;
                }
            }
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** Keeps a long-held lock from looking stale. */
    void touch() {
        try {
            Files.setLastModifiedTime(path, FileTime.from(Instant.now()));
        } catch (IOException ignored) {
            // a failed touch only risks being considered stale after the stale timeout
        }
    }

    /** True while the lock file is still the one this holder created (not removed as stale by someone else). */
    boolean stillHeld() {
        try {
            return !released && Files.readString(path, StandardCharsets.US_ASCII).trim().equals(content);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (released) return;
        released = true;
        try {
            String now = Files.readString(path, StandardCharsets.US_ASCII).trim();
            if (now.equals(content)) Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** gethostname(), which Dovecot writes into its dotlocks (Linux exposes it in /proc). */
    private static String hostName() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.US_ASCII).strip();
            if (!h.isEmpty()) return h;
        } catch (IOException | RuntimeException e) {
            // not Linux: fall back to the resolver's name
        }
        try {
            String h = InetAddress.getLocalHost().getHostName();
            int dot = h.indexOf('.');
            return dot > 0 ? h.substring(0, dot) : h;
        } catch (IOException e) {
            return "localhost";
        }
    }
}
