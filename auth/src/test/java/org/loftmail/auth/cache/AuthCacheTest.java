package org.loftmail.auth.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.loftmail.auth.AuthResult;
import org.loftmail.auth.UserInfo;
import org.loftmail.auth.UserLookup;
import org.junit.jupiter.api.Test;

class AuthCacheTest {
    final AtomicLong now = new AtomicLong();
    final Ticker ticker = now::get;
    final AuthResult.Success jsmith = new AuthResult.Success("jsmith", null, Map.of("k", "v"), Map.of("home", "/h"));

    void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void positiveEntriesLiveForTtlAndNeedTheSamePassword() {
        AuthCache cache = new AuthCache(1 << 20, Duration.ofMinutes(10), Duration.ofMinutes(1), ticker);
        cache.putPassSuccess("imap", "jsmith", "pw", jsmith);
        assertThat(cache.lookupPass("imap", "jsmith", "pw")).isEqualTo(new AuthCache.Hit(jsmith));
        assertThat(cache.lookupPass("imap", "jsmith", "other")).isInstanceOf(AuthCache.Miss.class);
        assertThat(cache.lookupPass("pop3", "jsmith", "pw")).isInstanceOf(AuthCache.Miss.class);
        advance(Duration.ofMinutes(9));
        assertThat(cache.lookupPass("imap", "jsmith", "pw")).isInstanceOf(AuthCache.Hit.class);
        advance(Duration.ofMinutes(2));
        assertThat(cache.lookupPass("imap", "jsmith", "pw")).isInstanceOf(AuthCache.Miss.class);
    }

    @Test
    void negativeEntriesUseTheNegativeTtl() {
        AuthCache cache = new AuthCache(1 << 20, Duration.ofMinutes(10), Duration.ofMinutes(1), ticker);
        cache.putPassUnknown("imap", "ghost");
        cache.putUser("lmtp", "ghost", new UserLookup.NotFound("ghost"));
        assertThat(cache.lookupPass("imap", "ghost", "x")).isInstanceOf(AuthCache.KnownUnknown.class);
        assertThat(cache.lookupUser("lmtp", "ghost")).isInstanceOf(UserLookup.NotFound.class);
        advance(Duration.ofSeconds(61));
        assertThat(cache.lookupPass("imap", "ghost", "x")).isInstanceOf(AuthCache.Miss.class);
        assertThat(cache.lookupUser("lmtp", "ghost")).isNull();
    }

    @Test
    void zeroNegativeTtlKeepsNoNegativeEntriesAndTemporaryFailuresAreNeverKept() {
        AuthCache cache = new AuthCache(1 << 20, Duration.ofMinutes(10), Duration.ZERO, ticker);
        cache.putPassUnknown("imap", "ghost");
        cache.putUser("lmtp", "x", new UserLookup.TemporaryFailure("x", "db down"));
        assertThat(cache.lookupPass("imap", "ghost", "x")).isInstanceOf(AuthCache.Miss.class);
        assertThat(cache.lookupUser("lmtp", "x")).isNull();
    }

    @Test
    void sizeIsBoundedInBytesAndFlushForgets() {
        AuthCache cache = new AuthCache(4096, Duration.ofMinutes(10), Duration.ofMinutes(1), ticker);
        for (int i = 0; i < 200; i++) {
            cache.putUser("lmtp", "user" + i, new UserLookup.Found(new UserInfo("user" + i, 1, 1, "/home/u" + i, null,
                    Map.of("home", "/home/u" + i))));
        }
        assertThat(cache.size()).isLessThan(200).isPositive();
        cache = new AuthCache(1 << 20, Duration.ofMinutes(10), Duration.ofMinutes(1), ticker);
        cache.putPassSuccess("imap", "jsmith", "pw", jsmith);
        cache.putUser("lmtp", "jsmith", new UserLookup.Found(new UserInfo("jsmith", 1, 1, "/h", null, Map.of())));
        assertThat(cache.flush("jsmith")).isEqualTo(2);
        assertThat(cache.lookupPass("imap", "jsmith", "pw")).isInstanceOf(AuthCache.Miss.class);
        cache.putPassUnknown("imap", "ghost");
        assertThat(cache.flush()).isEqualTo(1);
        assertThat(cache.size()).isZero();
    }
}
