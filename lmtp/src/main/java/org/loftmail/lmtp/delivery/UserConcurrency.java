package org.loftmail.lmtp.delivery;

import java.util.HashMap;
import java.util.Map;

/** lmtp_user_concurrency_limit: how many deliveries to one user may run at once in this process. */
final class UserConcurrency {

    private final int limit;
    private final Map<String, Integer> running = new HashMap<>();

    UserConcurrency(int limit) {
        this.limit = limit;
    }

    synchronized boolean tryEnter(String user) {
        if (limit <= 0) {
            return true;
        }
        int now = running.getOrDefault(user, 0);
        if (now >= limit) {
            return false;
        }
        running.put(user, now + 1);
        return true;
    }

    synchronized void leave(String user) {
        if (limit <= 0) {
            return;
        }
        running.computeIfPresent(user, (u, n) -> n <= 1 ? null : n - 1);
    }
}
