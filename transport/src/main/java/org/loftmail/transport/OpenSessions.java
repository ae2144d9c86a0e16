package org.loftmail.transport;

import java.time.Duration;

/**
 * Counts the sessions whose close has not finished yet, so that shutting the server down can wait until every
 * session has released its mailboxes (written its index, unlocked its files) instead of leaving that work
 * running behind a stopped server.
 */
final class OpenSessions {

    private int open;

    synchronized void opened() {
        open++;
    }

    synchronized void closed() {
        open--;
        if (open == 0) {
            notifyAll();
        }
    }

    synchronized int count() {
        return open;
    }

    /** Waits until no session is open or {@code limit} has passed; true when none is left. */
    synchronized boolean awaitNone(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        boolean interrupted = false;
        try {
            while (open > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
