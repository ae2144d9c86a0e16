package org.loftmail.auth;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.loftmail.auth.nativeos.SystemAccounts;

/**
 * uid/gid fields may be numbers or names (uid=vmail); names are resolved through NSS.
 *
 * <p>Resolved names are cached for {@link #TTL_NANOS} (names rarely change, and every userdb lookup with
 * uid=NAME would otherwise cost a getpwnam call). Unknown names are not cached, so a user added later is
 * found at once. The caches are bounded: when full they are simply cleared.
 */
final class SystemIds {
    static final long TTL_NANOS = 60_000_000_000L;
    static final int MAX_ENTRIES = 1024;

    private record Resolved(long id, long resolvedAt) {}

    private static final Map<String, Resolved> USERS = new ConcurrentHashMap<>();
    private static final Map<String, Resolved> GROUPS = new ConcurrentHashMap<>();

    private SystemIds() {}

    static long uid(String value) {
        if (isNumber(value)) {
            return Long.parseLong(value);
        }
        return cached(USERS, value,
                        name -> SystemAccounts.userByName(name).map(a -> Integer.toUnsignedLong(a.uid())))
                .orElseThrow(() -> new IllegalArgumentException("uid: unknown user name '" + LogSafe.text(value) + "'"));
    }

    static long gid(String value) {
        if (isNumber(value)) {
            return Long.parseLong(value);
        }
        return cached(GROUPS, value, name -> SystemAccounts.groupIdByName(name).map(Integer::toUnsignedLong))
                .orElseThrow(() -> new IllegalArgumentException("gid: unknown group name '" + LogSafe.text(value) + "'"));
    }

    private static boolean isNumber(String value) {
        return !value.isEmpty() && value.chars().allMatch(Character::isDigit);
    }

    private static Optional<Long> cached(Map<String, Resolved> cache, String name,
            Function<String, Optional<Long>> lookup) {
        long now = System.nanoTime();
        Resolved hit = cache.get(name);
        if (hit != null && now - hit.resolvedAt() < TTL_NANOS) {
            return Optional.of(hit.id());
        }
        Optional<Long> id = lookup.apply(name);
        if (id.isPresent()) {
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(name, new Resolved(id.get(), now));
        }
        return id;
    }
}
