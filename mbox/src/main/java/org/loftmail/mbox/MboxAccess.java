package org.loftmail.mbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.loftmail.core.fs.Confinement;
import org.loftmail.core.storage.MailStorageException;

/**
 * An mbox file opened under the configured locks, taken in the configured order within one
 * {@code mbox_lock_timeout}. Every read and write done under the locks goes through {@link #channel()}: a second
 * descriptor on the file would drop the process's fcntl locks when it is closed (POSIX), so there is none.
 * Within one process, callers serialise on the mailbox's index lock; these locks exclude other processes.
 */
final class MboxAccess implements AutoCloseable {

    /** Another program kept a lock for the whole timeout: a temporary failure, the file is untouched. */
    static final class LockTimeoutException extends org.loftmail.core.storage.MailboxInUseException {
        LockTimeoutException(String message) {
            super(message);
        }
    }

    private final FileChannel channel;
    private final List<AutoCloseable> held = new ArrayList<>();

    private MboxAccess(FileChannel channel) {
        this.channel = channel;
    }

    FileChannel channel() {
        return channel;
    }

    static MboxAccess open(Path file, boolean write, MboxSettings settings) throws MailStorageException {
        return open(file, write, settings, Confinement.NONE);
    }

    /**
     * Opens {@code file} beneath the user's mail roots ({@link Confinement}, ADR 0305): a link out of them, or a
     * file that is not the user's when Loft runs as root, is refused before anything is read or locked.
     */
    static MboxAccess open(Path file, boolean write, MboxSettings settings, Confinement confinement) throws MailStorageException {
        long deadline = System.nanoTime() + settings.lockTimeout().toNanos();
        List<MboxSettings.LockMethod> methods = write ? settings.writeLocks() : settings.readLocks();
        FileChannel channel;
        try {
            confinement.checkDirectory(file.getParent()); // dot-locks are created there
            channel = write
                    ? confinement.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)
                    : confinement.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new MailStorageException("cannot open mbox " + file + ": " + e, e);
        }
        MboxAccess access = new MboxAccess(channel);
        try {
            for (MboxSettings.LockMethod m : methods) access.take(m, file, write, deadline, settings);
            return access;
        } catch (MailStorageException e) {
            access.close();
            throw e;
        } catch (IOException e) {
            access.close();
            throw new MailStorageException("cannot lock mbox " + file + ": " + e, e);
        }
    }

    private void take(MboxSettings.LockMethod method, Path file, boolean write, long deadline, MboxSettings settings)
            throws IOException, MailStorageException {
        switch (method) {
            case DOTLOCK, DOTLOCK_TRY -> {
                Optional<Dotlock> lock;
                try {
                    lock = Dotlock.acquire(Dotlock.lockFileFor(file), file, remaining(deadline), settings.dotlockChangeTimeout());
                } catch (AccessDeniedException e) {
                    if (method == MboxSettings.LockMethod.DOTLOCK_TRY) return; // the directory does not let us: skip
                    throw new MailStorageException("cannot create dot-lock for " + file + " (no write permission in its"
                            + " directory; use dotlock_try, or give the directory the mail group): " + e.getMessage(), e);
                }
                if (lock.isEmpty()) throw timeout(file, "dotlock");
                held.add(lock.get());
            }
            case FCNTL, LOCKF -> {
                long sleep = 1;
                while (true) {
                    FileLock l;
                    try {
                        l = channel.tryLock(0, Long.MAX_VALUE, !write);
                    } catch (java.nio.channels.OverlappingFileLockException e) {
                        l = null; // another channel of this process holds it (not Loft's own state): wait as for anyone
                    }
                    if (l != null) {
                        held.add(l);
                        return;
                    }
                    if (System.nanoTime() >= deadline) throw timeout(file, "fcntl");
                    pause(sleep);
                    sleep = Math.min(sleep * 2, 100);
                }
            }
            case FLOCK -> {
                FlockCalls c = FlockCalls.get();
                int fd = c.open(file.toString(), FlockCalls.O_RDONLY | FlockCalls.O_CLOEXEC);
                if (fd < 0) throw new IOException("cannot open " + file + " for flock");
                long sleep = 1;
                while (c.flock(fd, (write ? FlockCalls.LOCK_EX : FlockCalls.LOCK_SH) | FlockCalls.LOCK_NB) != 0) {
                    if (System.nanoTime() >= deadline) {
                        c.close(fd);
                        throw timeout(file, "flock");
                    }
                    pause(sleep);
                    sleep = Math.min(sleep * 2, 100);
                }
                held.add(() -> c.close(fd)); // closing the descriptor releases the flock
            }
        }
    }

    private static java.time.Duration remaining(long deadline) {
        return java.time.Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private static void pause(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for an mbox lock");
        }
    }

    private static LockTimeoutException timeout(Path file, String kind) {
        return new LockTimeoutException("Timeout while waiting for " + kind + " lock on " + file
                + " (mbox_lock_timeout): another program keeps the mailbox locked");
    }

    /** Keeps a dot-lock fresh during a long rewrite. */
    void touch() {
        for (AutoCloseable a : held) if (a instanceof Dotlock d) d.touch();
    }

    @Override
    public void close() {
        // release in reverse order; the channel last, after its fcntl lock
        for (int i = held.size() - 1; i >= 0; i--) {
            try {
                held.get(i).close();
            } catch (Exception e) {
                // releasing cannot fail in a way we could repair
            }
        }
        held.clear();
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was written through it that is not already forced
        }
    }
}
