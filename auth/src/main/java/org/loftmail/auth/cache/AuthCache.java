package org.loftmail.auth.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import org.loftmail.auth.AuthResult;
import org.loftmail.auth.UserLookup;

/**
 * auth_cache_*: remembers passdb and userdb answers per (service, user). A successful login is
 * kept with a salted SHA-256 of the password (never the password), so the same password is
 * answered from memory and a different one goes to the passdbs again (a changed password works
 * at once). "Unknown user" is kept for auth_cache_negative_ttl. Temporary failures are never
 * kept. The size bound is in bytes, estimated per entry, like Dovecot's.
 */
public final class AuthCache {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A cached passdb answer: success with the password's hash, or "unknown user". */
    private sealed interface PassEntry {}

    private record PassSuccess(byte[] salt, byte[] hash, AuthResult.Success result) implements PassEntry {}

    private record PassUnknown() implements PassEntry {}

    private record Value(Object entry, boolean negative, int weight) {}

    private final Cache<String, Value> cache;
    private final Duration ttl;
    private final Duration negativeTtl;

    public AuthCache(long maxBytes, Duration ttl, Duration negativeTtl) {
        this(maxBytes, ttl, negativeTtl, Ticker.systemTicker());
    }

    public AuthCache(long maxBytes, Duration ttl, Duration negativeTtl, Ticker ticker) {
        this.ttl = ttl;
        this.negativeTtl = negativeTtl;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String k, Value v) -> v.weight())
                .expireAfter(new Expiry<String, Value>() {
                    @Override
                    public long expireAfterCreate(String key, Value value, long currentTime) {
                        return (value.negative() ? negativeTtl : ttl).toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Value value, long currentTime, long currentDuration) {
                        return expireAfterCreate(key, value, currentTime);
                    }

                    @Override
                    public long expireAfterRead(String key, Value value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    /** What the cache knows about a plaintext login. */
    public sealed interface PassLookup {}

    /** Same password as the cached success: here is the result. */
    public record Hit(AuthResult.Success result) implements PassLookup {}

    /** The user is known not to exist. */
    public record KnownUnknown() implements PassLookup {}

    /** Nothing usable: ask the passdbs. */
    public record Miss() implements PassLookup {}

    public PassLookup lookupPass(String service, String user, String password) {
        Value v = cache.getIfPresent(passKey(service, user));
        if (v == null) {
            return new Miss();
        }
        if (v.entry() instanceof PassUnknown) {
            return new KnownUnknown();
        }
        if (v.entry() instanceof PassSuccess s && MessageDigest.isEqual(s.hash(), hash(s.salt(), password))) {
            return new Hit(s.result());
        }
        return new Miss();
    }

    public void putPassSuccess(String service, String user, String password, AuthResult.Success result) {
        if (ttl.isZero()) {
            return;
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        cache.put(passKey(service, user), new Value(new PassSuccess(salt, hash(salt, password), result), false,
                weigh(user, result.fields()) + weigh("", result.userdbFields()) + 48));
    }

    public void putPassUnknown(String service, String user) {
        if (negativeTtl.isZero()) {
            return;
        }
        cache.put(passKey(service, user), new Value(new PassUnknown(), true, 64 + user.length() * 2));
    }

    /** A cached userdb answer (Found or NotFound), or null. */
    public UserLookup lookupUser(String service, String user) {
        Value v = cache.getIfPresent(userKey(service, user));
        return v == null ? null : (UserLookup) v.entry();
    }

    public void putUser(String service, String user, UserLookup lookup) {
        if (lookup instanceof UserLookup.Found f && !ttl.isZero()) {
            cache.put(userKey(service, user), new Value(f, false, weigh(user, f.info().fields()) + 64));
        } else if (lookup instanceof UserLookup.NotFound && !negativeTtl.isZero()) {
            cache.put(userKey(service, user), new Value(lookup, true, 64 + user.length() * 2));
        }
    }

    /** Forgets everything; returns how many entries were dropped. */
    public long flush() {
        long n = cache.estimatedSize();
        cache.invalidateAll();
        cache.cleanUp();
        return n;
    }

    /** Forgets one user's entries (every service); returns how many were dropped. */
    public long flush(String user) {
        String suffix = "\t" + user;
        long[] n = {0};
        cache.asMap().keySet().removeIf(k -> {
            boolean match = k.endsWith(suffix);
            if (match) {
                n[0]++;
            }
            return match;
        });
        return n[0];
    }

    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private static String passKey(String service, String user) {
        return "P\t" + service + "\t" + user;
    }

    private static String userKey(String service, String user) {
        return "U\t" + service + "\t" + user;
    }

    private static int weigh(String user, Map<String, String> fields) {
        int w = user.length() * 2 + 32;
        for (Map.Entry<String, String> e : fields.entrySet()) {
            w += (e.getKey().length() + e.getValue().length()) * 2 + 32;
        }
        return w;
    }

    private static byte[] hash(byte[] salt, String password) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(salt);
            md.update(password.getBytes(StandardCharsets.UTF_8));
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
