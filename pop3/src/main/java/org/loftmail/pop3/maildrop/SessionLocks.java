package org.loftmail.pop3.maildrop;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@code pop3_lock_session}: one POP3 session per mailbox at a time. A second session waits up to the lock timeout
 * (Dovecot waits 10 seconds) and then gets {@code -ERR [IN-USE]}. Semaphores rather than locks, because a session's
 * callbacks may run on different virtual threads. The lock is per process: like Dovecot's other writers, Loft
 * expects one server to serve a mailbox (ARCHITECTURE.md, "one mailbox has one writer").
 */
public final class SessionLocks {

    private final ConcurrentHashMap<String, Semaphore> locks = new ConcurrentHashMap<>();

    /** A held lock; closing it releases it (once). */
    public final class Held implements AutoCloseable {
        private final Semaphore semaphore;
        private boolean released;

        private Held(Semaphore semaphore) {
            this.semaphore = semaphore;
        }

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                semaphore.release();
            }
        }
    }

    /** Takes the lock for {@code mailboxKey}, waiting at most {@code wait}; empty when another session keeps it. */
    public Optional<Held> acquire(String mailboxKey, Duration wait) throws InterruptedException {
        Semaphore s = locks.computeIfAbsent(mailboxKey, k -> new Semaphore(1));
        if (s.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            return Optional.of(new Held(s));
        }
        return Optional.empty();
    }
}
