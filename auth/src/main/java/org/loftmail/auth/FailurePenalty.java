package org.loftmail.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Dovecot's auth penalty: every failed login from an address makes the next attempt from it
 * wait longer (2, 4, 8, then at most 15 seconds), before the passdbs are asked at all. Trying the
 * same wrong password again does not raise it (a client retrying a saved password is not an
 * attack). It is forgotten an hour after the last failure, and cleared by a success.
 * Trusted networks are exempt. IPv6 addresses count per /48 like Dovecot's.
 */
public final class FailurePenalty {
    static final Duration INITIAL = Duration.ofSeconds(2);
    static final Duration MAXIMUM = Duration.ofSeconds(15);
    static final Duration FORGET_AFTER = Duration.ofHours(1);

    private record Entry(int failures, long lastPasswordCrc) {}

    private final Cache<String, Entry> entries;
    private final List<IpNetwork> exempt;

    public FailurePenalty(List<IpNetwork> exempt) {
        this(exempt, Ticker.systemTicker());
    }

    FailurePenalty(List<IpNetwork> exempt, Ticker ticker) {
        this.exempt = List.copyOf(exempt);
        this.entries = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(FORGET_AFTER)
                .ticker(ticker)
                .build();
    }

    /** How long to wait before handling a login attempt from this client. */
    public Duration delayFor(ClientInfo client) {
        String key = key(client);
        if (key == null) {
            return Duration.ZERO;
        }
        Entry e = entries.getIfPresent(key);
        return e == null ? Duration.ZERO : delayForFailures(e.failures());
    }

    static Duration delayForFailures(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        Duration d = INITIAL.multipliedBy(1L << Math.min(failures - 1, 4));
        return d.compareTo(MAXIMUM) > 0 ? MAXIMUM : d;
    }

    public void recordFailure(ClientInfo client, String password) {
        String key = key(client);
        if (key == null) {
            return;
        }
        long crc = crc(password);
        entries.asMap().compute(key, (k, old) -> {
            if (old == null) {
                return new Entry(1, crc);
            }
            if (password != null && old.lastPasswordCrc() == crc) {
                return old;
            }
            return new Entry(Math.min(old.failures() + 1, 1000), crc);
        });
    }

    public void recordSuccess(ClientInfo client) {
        String key = key(client);
        if (key != null) {
            entries.invalidate(key);
        }
    }

    public int failures(ClientInfo client) {
        String key = key(client);
        Entry e = key == null ? null : entries.getIfPresent(key);
        return e == null ? 0 : e.failures();
    }

    private String key(ClientInfo client) {
        InetAddress ip = client.remoteIp();
        if (ip == null || client.trusted() || IpNetwork.anyContains(exempt, ip)) {
            return null;
        }
        byte[] raw = ip.getAddress();
        if (ip instanceof Inet6Address) {
            raw = Arrays.copyOf(raw, 6);
        }
        return java.util.HexFormat.of().formatHex(raw);
    }

    private static long crc(String password) {
        if (password == null) {
            return -1;
        }
        CRC32 c = new CRC32();
        c.update(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return c.getValue();
    }
}
