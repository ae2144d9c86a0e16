package org.loftmail.maildir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.loftmail.core.storage.HeldLock;
import org.loftmail.core.storage.MailStorageException;

/**
 * {@code pop3_lock_session}, shared with Dovecot: the dotlock {@code dovecot-pop3-session.lock} in the index root
 * ({@code INDEX=}) or else the mail root, the file Dovecot's pop3 creates. A holder that stops touching it for
 * five minutes (Dovecot's stale timeout for this lock) is presumed dead, as is one whose process is gone, so a
 * crashed server does not lock the user out. While held, the file is touched well inside that time.
 */
final class Pop3SessionLock implements HeldLock {

    static final String FILE_NAME = "dovecot-pop3-session.lock";
    static final Duration STALE = Duration.ofMinutes(5);
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    /** One daemon thread touches every held lock; the work is a utimes() per lock and minute. */
    private static final ScheduledExecutorService TOUCHER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pop3-session-lock-touch");
        t.setDaemon(true);
        return t;
    });

    private final Dotlock dotlock;
    private final ScheduledFuture<?> toucher;
    private volatile boolean lost;
    private boolean closed;

    private Pop3SessionLock(Dotlock dotlock, Duration touchEvery) {
        this.dotlock = dotlock;
        long period = touchEvery.toMillis();
        this.toucher = TOUCHER.scheduleAtFixedRate(this::refresh, period, period, TimeUnit.MILLISECONDS);
    }

    /** Touches the file while it is still ours; once it is not (broken as stale), the lock is lost for good. */
    private void refresh() {
        if (lost) return;
        if (dotlock.stillHeld()) {
            dotlock.touch();
        } else {
            lost = true;
        }
    }

    /** The lock file for a Maildir location. */
    static Path path(MaildirLocation location) {
        return location.indexRoot().orElse(location.root()).resolve(FILE_NAME);
    }

    /** Takes the lock, waiting at most {@code wait}; empty when another session holds it that long. */
    static Optional<HeldLock> acquire(Path lockFile, Duration wait, FileCreator creator) throws MailStorageException {
        return acquire(lockFile, wait, creator, TOUCH_EVERY);
    }

    /** As {@link #acquire(Path, Duration, FileCreator)}, touching every {@code touchEvery} (tests use less). */
    static Optional<HeldLock> acquire(Path lockFile, Duration wait, FileCreator creator, Duration touchEvery)
            throws MailStorageException {
        try {
            creator.directories(lockFile.getParent());
        } catch (IOException e) {
            throw new MailStorageException("cannot create " + lockFile.getParent() + ": " + e.getMessage(), e);
        }
        Dotlock lock = Dotlock.tryAcquire(lockFile, wait, STALE);
        return lock == null ? Optional.empty() : Optional.of(new Pop3SessionLock(lock, touchEvery));
    }

    /** Also looks at the file itself (one small read), so a session notices at its next command. */
    @Override
    public boolean lost() {
        if (!lost && !dotlock.stillHeld()) lost = true;
        return lost;
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        toucher.cancel(false);
        dotlock.close();
    }
}
