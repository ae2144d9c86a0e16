package org.loftmail.auth.scheme;

import io.netty.util.internal.ThreadExecutorMap;

/**
 * Refuses slow, blocking work (password hashing, passdb lookups) on a Netty event-loop thread,
 * where it would stall every connection of that loop. Such work belongs on the session's virtual
 * thread; reaching this check is a wiring bug, reported loudly.
 */
public final class EventLoopGuard {
    private EventLoopGuard() {}

    /** Whether the current thread is running a Netty event executor. */
    public static boolean onEventLoop() {
        return ThreadExecutorMap.currentExecutor() != null;
    }

    /** @throws IllegalStateException on an event-loop thread */
    public static void requireBlockingAllowed(String what) {
        if (onEventLoop()) {
            throw new IllegalStateException(what + " blocks and must not run on event-loop thread "
                    + Thread.currentThread().getName() + "; run it on the session's virtual thread");
        }
    }
}
