package org.loftmail.auth;

import java.time.Duration;

/** Waits (auth_failure_delay, the penalty). A seam so tests can see the delays without waiting. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;

    Sleeper REAL = d -> {
        if (!d.isZero() && !d.isNegative()) {
            Thread.sleep(d);
        }
    };
}
