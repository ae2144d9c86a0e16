package org.loftmail.transport;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts connections of one service, in all and per client address (Dovecot's process_limit × client_limit and
 * its per-IP limits become these numbers). Unix-socket clients share the address "local". Also used by
 * protocols for per-user-and-address limits (mail_max_userip_connections) with "user/ip" keys.
 */
public final class ConnectionLimiter {

    private int maxTotal;
    private int maxPerKey;
    private final Map<String, Integer> perKey = new HashMap<>();
    private int total;

    /** Zero or less means unlimited. */
    public ConnectionLimiter(int maxTotal, int maxPerKey) {
        this.maxTotal = maxTotal;
        this.maxPerKey = maxPerKey;
    }

    public static ConnectionLimiter unlimited() {
        return new ConnectionLimiter(0, 0);
    }

    /** New limits (a reload); connections already counted stay. Zero or less means unlimited. */
    public synchronized void setLimits(int maxTotal, int maxPerKey) {
        this.maxTotal = maxTotal;
        this.maxPerKey = maxPerKey;
    }

    public synchronized boolean tryAcquire(String key) {
        int current = perKey.getOrDefault(key, 0);
        if ((maxTotal > 0 && total >= maxTotal) || (maxPerKey > 0 && current >= maxPerKey)) {
            return false;
        }
        total++;
        perKey.put(key, current + 1);
        return true;
    }

    public synchronized void release(String key) {
        Integer current = perKey.get(key);
        if (current == null) {
            return;
        }
        total--;
        if (current <= 1) {
            perKey.remove(key);
        } else {
            perKey.put(key, current - 1);
        }
    }

    public synchronized int current() {
        return total;
    }

    public synchronized int current(String key) {
        return perKey.getOrDefault(key, 0);
    }
}
