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
 *
 * <p>The lock is written to a temporary file first and linked into place, as Dovecot does: a lock that exists
 * always names its holder, and a write that fails (ENOSPC) leaves nothing behind. A lock without a readable holder
 * (empty or unparseable: left by a create-then-write locker that failed or died between the two) is judged by its
 * age alone: it is stale once neither it nor the file it protects has changed for {@link #EMPTY_STALE}, not after
 * the minutes a named holder gets.
 */
final class Dotlock implements AutoCloseable {

    static final Duration STALE = Duration.ofMinutes(2);
    /** How long a lock without a readable holder may stay unchanged before it is broken. */
    static final Duration EMPTY_STALE = Duration.ofSeconds(10);
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
                create(path, content);
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
            boolean old;
            long pid = holderPid(holder);
            if (pid > 0) {
                int colon = holder.indexOf(':');
                if (colon > 0 && holder.substring(colon + 1).equals(HOST)) {
                    dead = ProcessHandle.of(pid).map(ph -> !ph.isAlive()).orElse(true);
                }
                old = mtime.toInstant().isBefore(Instant.now().minus(stale));
            } else {
                old = lastChange(path, mtime).isBefore(Instant.now().minus(EMPTY_STALE));
            }
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

    /**
     * Writes the holder into a temporary file and links it to the lock name, so the lock appears complete or not
     * at all. File systems without hard links get an exclusive create, removed again when the write fails.
     */
    private static void create(Path path, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.US_ASCII);
        Path temp = path.resolveSibling(".temp." + HOST + "." + ProcessHandle.current().pid() + "."
                + Thread.currentThread().threadId() + "." + path.getFileName());
        try {
            Files.deleteIfExists(temp);
            Files.write(temp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.createLink(path, temp);
                return;
            } catch (FileAlreadyExistsException | NoSuchFileException e) {
                throw e;
            } catch (IOException | UnsupportedOperationException noLinks) {
                // below: exclusive create
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        try {
            Files.write(path, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException e) {
            Files.deleteIfExists(path); // ours: created just now, and no other locker breaks a lock this young
            throw e;
        }
    }

    /** The pid a lock names ({@code <pid>} or {@code <pid>:<host>}), or -1 when it names none. */
    private static long holderPid(String holder) {
        int colon = holder.indexOf(':');
        try {
            return Long.parseLong(colon < 0 ? holder : holder.substring(0, colon));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The later of the lock's mtime and the protected file's (a holder at work changes the file it locks). */
    private static Instant lastChange(Path lock, FileTime lockMtime) {
        Instant last = lockMtime.toInstant();
        String name = lock.getFileName().toString();
        if (name.endsWith(".lock")) {
            try {
                Instant file = Files.getLastModifiedTime(lock.resolveSibling(name.substring(0, name.length() - 5))).toInstant();
                if (file.isAfter(last) && !file.isAfter(Instant.now())) last = file;
            } catch (IOException e) {
                // the protected file is missing: judged by the lock alone
            }
        }
        return last;
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
