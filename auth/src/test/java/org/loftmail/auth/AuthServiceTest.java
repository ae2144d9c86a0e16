package org.loftmail.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.loftmail.auth.passdb.PassDb;
import org.loftmail.auth.passdb.PassDbRegistry;
import org.loftmail.auth.passdb.PassDbResult;
import org.loftmail.auth.userdb.UserDbRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthServiceTest {
    @TempDir
    Path dir;

    final RecordingSleeper sleeper = new RecordingSleeper();
    final AtomicInteger driverCalls = new AtomicInteger();

    static ClientInfo client(String rip) throws IOException {
        return ClientInfo.network("imap", InetAddress.getByName("192.0.2.1"), 143, InetAddress.getByName(rip), 50000)
                .withSecured(true);
    }

    Path users(String... lines) throws IOException {
        Path p = dir.resolve("users");
        Files.write(p, List.of(lines));
        return p;
    }

    AuthService service(AuthSettings s) {
        PassDbRegistry registry = new PassDbRegistry();
        // A counting wrapper around passwd-file: proves what reaches a driver.
        registry.register("counting-file", (set, v) -> {
            PassDb inner = new PassDbRegistry().create(PassDbSettings.of("passwd-file", set.args()), v);
            return new PassDb() {
                @Override
                public String driverName() {
                    return "passwd-file";
                }

                @Override
                public PassDbResult verifyPlain(AuthRequest r, String pw) {
                    driverCalls.incrementAndGet();
                    return inner.verifyPlain(r, pw);
                }

                @Override
                public PassDbResult lookupCredentials(AuthRequest r) {
                    driverCalls.incrementAndGet();
                    return inner.lookupCredentials(r);
                }
            };
        });
        return new AuthService(s, new PlainOnlyVerifier(), List.of(), registry, new UserDbRegistry(), sleeper);
    }

    AuthSettings fileSettings(Path file) {
        return AuthSettings.defaults(
                        List.of(PassDbSettings.of("counting-file", "scheme=PLAIN " + file)),
                        List.of(UserDbSettings.of("prefetch", ""), UserDbSettings.of("passwd-file", file.toString())))
                .withFailureDelay(Duration.ofSeconds(2));
    }

    @Test
    void passwdFileRightWrongAndUnknown() throws IOException {
        Path f = users("jsmith:{PLAIN}secret:1000:1000::/home/jsmith::userdb_quota_rule=*:storage=1G",
                "bare:plainpw:1001:1001::/home/bare");
        try (AuthService auth = service(fileSettings(f))) {
            AuthResult ok = auth.authenticatePlain(client("198.51.100.7"), "jsmith", "secret");
            assertThat(ok).isInstanceOf(AuthResult.Success.class);
            AuthResult.Success s = (AuthResult.Success) ok;
            assertThat(s.user()).isEqualTo("jsmith");
            assertThat(s.userdbFields()).containsEntry("quota_rule", "*:storage=1G").containsEntry("home", "/home/jsmith");
            assertThat(sleeper.sleeps).isEmpty();

            assertThat(auth.authenticatePlain(client("198.51.100.7"), "bare", "plainpw")).isInstanceOf(AuthResult.Success.class);

            AuthResult wrong = auth.authenticatePlain(client("198.51.100.7"), "jsmith", "nope");
            assertThat(wrong).isEqualTo(new AuthResult.Failure(AuthResult.Kind.INVALID_CREDENTIALS, "jsmith", null));
            assertThat(sleeper.last()).isEqualTo(Duration.ofSeconds(2));

            AuthResult unknown = auth.authenticatePlain(client("198.51.100.8"), "nobody", "x");
            assertThat(unknown).isInstanceOf(AuthResult.Failure.class);
            assertThat(((AuthResult.Failure) unknown).kind()).isEqualTo(AuthResult.Kind.INVALID_CREDENTIALS);
        }
    }

    @Test
    void usernameFormatLowercasesAndRealmIsAdded() throws IOException {
        Path f = users("jsmith@example.com:{PLAIN}pw");
        AuthSettings s = fileSettings(f).withUsernames("%Lu", "example.com", null, null);
        try (AuthService auth = service(s)) {
            AuthResult r = auth.authenticatePlain(client("198.51.100.7"), "JSmith", "pw");
            assertThat(r).isInstanceOf(AuthResult.Success.class);
            assertThat(((AuthResult.Success) r).user()).isEqualTo("jsmith@example.com");
        }
    }

    @Test
    void translationTurnsPercentIntoAt() throws IOException {
        Path f = users("jsmith@example.com:{PLAIN}pw");
        AuthSettings s = fileSettings(f).withUsernames("%Lu", "", AuthSettings.DEFAULT_USERNAME_CHARS, "%@");
        try (AuthService auth = service(s)) {
            assertThat(auth.authenticatePlain(client("198.51.100.7"), "jsmith%example.com", "pw")).isInstanceOf(AuthResult.Success.class);
        }
    }

    @Test
    void badCharactersNeverReachADriver() throws IOException {
        Path f = users("jsmith:{PLAIN}pw");
        try (AuthService auth = service(fileSettings(f))) {
            for (String bad : List.of("js'mith", "js\0mith", "a b", "../etc/passwd", "x;DROP", "", "ü")) {
                AuthResult r = auth.authenticatePlain(client("198.51.100.9"), bad, "pw");
                assertThat(r).as(bad).isInstanceOf(AuthResult.Failure.class);
                assertThat(((AuthResult.Failure) r).kind()).isEqualTo(AuthResult.Kind.INVALID_USERNAME);
            }
            assertThat(driverCalls.get()).isZero();
        }
    }

    @Test
    void extraFieldsNopasswordAllowNetsNologin() throws IOException {
        Path f = users("free::::::: nopassword",
                "office:{PLAIN}pw::::::allow_nets=10.0.0.0/8,192.168.0.0/16",
                "gone:{PLAIN}pw::::::nologin reason=Moved_to_new_server");
        try (AuthService auth = service(fileSettings(f))) {
            assertThat(auth.authenticatePlain(client("198.51.100.7"), "free", "anything")).isInstanceOf(AuthResult.Success.class);
            assertThat(auth.authenticatePlain(client("10.1.2.3"), "office", "pw")).isInstanceOf(AuthResult.Success.class);
            AuthResult outside = auth.authenticatePlain(client("198.51.100.7"), "office", "pw");
            assertThat(((AuthResult.Failure) outside).kind()).isEqualTo(AuthResult.Kind.DISABLED);
            AuthResult nologin = auth.authenticatePlain(client("10.1.2.3"), "gone", "pw");
            assertThat(nologin).isEqualTo(new AuthResult.Failure(AuthResult.Kind.DISABLED, "gone", "Moved_to_new_server"));
        }
    }

    @Test
    void fileIsReReadWhenItChanges() throws IOException {
        Path f = users("jsmith:{PLAIN}old");
        try (AuthService auth = service(fileSettings(f))) {
            assertThat(auth.authenticatePlain(client("10.0.0.1"), "jsmith", "old")).isInstanceOf(AuthResult.Success.class);
            Files.write(f, List.of("jsmith:{PLAIN}new", "added:{PLAIN}pw"));
            Files.setLastModifiedTime(f, FileTime.from(Instant.now().plusSeconds(5)));
            assertThat(auth.authenticatePlain(client("10.0.0.1"), "jsmith", "new")).isInstanceOf(AuthResult.Success.class);
            assertThat(auth.authenticatePlain(client("10.0.0.1"), "added", "pw")).isInstanceOf(AuthResult.Success.class);
        }
    }

    @Test
    void missingFileIsATemporaryFailureNotAWrongPassword() throws IOException {
        Path f = users("jsmith:{PLAIN}pw");
        try (AuthService auth = service(fileSettings(f))) {
            Files.delete(f);
            AuthResult r = auth.authenticatePlain(client("10.0.0.1"), "jsmith", "pw");
            assertThat(((AuthResult.Failure) r).kind()).isEqualTo(AuthResult.Kind.TEMPORARY);
            assertThat(auth.lookupUser(client("10.0.0.1"), "jsmith")).isInstanceOf(UserLookup.TemporaryFailure.class);
        }
    }

    @Test
    void plaintextRefusedOnInsecureConnectionsUnlessTrusted() throws IOException {
        Path f = users("jsmith:{PLAIN}pw");
        AuthSettings s = fileSettings(f).withPlaintext(true, IpNetwork.parseList("10.0.0.0/8"));
        try (AuthService auth = service(s)) {
            ClientInfo plain = client("198.51.100.7").withSecured(false);
            AuthResult r = auth.authenticatePlain(plain, "jsmith", "pw");
            assertThat(((AuthResult.Failure) r).kind()).isEqualTo(AuthResult.Kind.PLAINTEXT_DISABLED);
            assertThat(driverCalls.get()).isZero();
            assertThat(auth.authenticatePlain(client("10.2.3.4").withSecured(false), "jsmith", "pw")).isInstanceOf(AuthResult.Success.class);
            assertThat(auth.authenticatePlain(client("198.51.100.7"), "jsmith", "pw")).isInstanceOf(AuthResult.Success.class);
        }
    }

    @Test
    void penaltyGrowsPerAddressAndSparesTrustedNetworks() throws IOException {
        Path f = users("jsmith:{PLAIN}pw");
        AuthSettings s = fileSettings(f).withPlaintext(true, IpNetwork.parseList("10.0.0.0/8")).withFailureDelay(Duration.ZERO);
        try (AuthService auth = service(s)) {
            ClientInfo attacker = client("203.0.113.5");
            for (int i = 0; i < 5; i++) {
                auth.authenticatePlain(attacker, "jsmith", "guess" + i);
            }
            assertThat(auth.failureCount(attacker)).isEqualTo(5);
            // Delays before attempts 2..5: 2, 4, 8, 15 s (the cap).
            assertThat(sleeper.sleeps).filteredOn(d -> !d.isZero())
                    .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(15));
            // The same wrong password again does not raise it.
            auth.authenticatePlain(attacker, "jsmith", "guess4");
            assertThat(auth.failureCount(attacker)).isEqualTo(5);
            // Another address is not affected; trusted addresses never get a penalty.
            assertThat(auth.failureCount(client("203.0.113.6"))).isZero();
            ClientInfo trusted = client("10.9.9.9");
            auth.authenticatePlain(trusted, "jsmith", "bad1");
            auth.authenticatePlain(trusted, "jsmith", "bad2");
            assertThat(auth.failureCount(trusted)).isZero();
            // A success clears it.
            assertThat(auth.authenticatePlain(attacker, "jsmith", "pw")).isInstanceOf(AuthResult.Success.class);
            assertThat(auth.failureCount(attacker)).isZero();
        }
    }

    @Test
    void cacheAnswersRepeatedLoginsAndFlushForgets() throws IOException {
        Path f = users("jsmith:{PLAIN}pw");
        AuthSettings s = fileSettings(f).withCache(1 << 20, Duration.ofHours(1), Duration.ofHours(1)).withFailureDelay(Duration.ZERO);
        try (AuthService auth = service(s)) {
            ClientInfo c = client("10.0.0.1");
            auth.authenticatePlain(c, "jsmith", "pw");
            auth.authenticatePlain(c, "jsmith", "pw");
            assertThat(driverCalls.get()).isEqualTo(1);
            // A different password is not answered from the cache (the password may have changed).
            assertThat(auth.authenticatePlain(c, "jsmith", "other")).isInstanceOf(AuthResult.Failure.class);
            assertThat(driverCalls.get()).isEqualTo(2);
            // Unknown users are cached negatively.
            auth.authenticatePlain(c, "ghost", "x");
            auth.authenticatePlain(c, "ghost", "x");
            assertThat(driverCalls.get()).isEqualTo(3);
            assertThat(auth.flushCache()).isPositive();
            auth.authenticatePlain(c, "jsmith", "pw");
            assertThat(driverCalls.get()).isEqualTo(4);
        }
    }

    @Test
    void chainResultRulesAndDeny() throws IOException {
        Path denied = dir.resolve("denied");
        Files.write(denied, List.of("baduser"));
        Path first = dir.resolve("first");
        Files.write(first, List.of("a:{PLAIN}one", "baduser:{PLAIN}pw"));
        Path second = dir.resolve("second");
        Files.write(second, List.of("a:{PLAIN}two", "b:{PLAIN}pw"));
        AuthSettings s = AuthSettings.defaults(List.of(
                        PassDbSettings.of("passwd-file", denied.toString()).withDeny(true),
                        PassDbSettings.of("passwd-file", "scheme=PLAIN " + first),
                        PassDbSettings.of("passwd-file", "scheme=PLAIN " + second)),
                List.of(UserDbSettings.of("static", "uid=1000 gid=1000 home=/var/vmail/%d/%n allow_all_users=yes")));
        try (AuthService auth = service(s)) {
            ClientInfo c = client("10.0.0.1");
            assertThat(auth.authenticatePlain(c, "a", "one")).isInstanceOf(AuthResult.Success.class);
            // result_failure = continue: a's password in the second file works too.
            assertThat(auth.authenticatePlain(c, "a", "two")).isInstanceOf(AuthResult.Success.class);
            assertThat(auth.authenticatePlain(c, "b", "pw")).isInstanceOf(AuthResult.Success.class);
            assertThat(((AuthResult.Failure) auth.authenticatePlain(c, "baduser", "pw")).kind()).isEqualTo(AuthResult.Kind.DISABLED);
        }
        AuthSettings stop = s.withDbs(List.of(
                PassDbSettings.of("passwd-file", "scheme=PLAIN " + first)
                        .withResults(null, ChainResultAction.RETURN_FAIL, null),
                PassDbSettings.of("passwd-file", "scheme=PLAIN " + second)), s.userdbs());
        try (AuthService auth = service(stop)) {
            assertThat(auth.authenticatePlain(client("10.0.0.1"), "a", "two")).isInstanceOf(AuthResult.Failure.class);
        }
    }

    @Test
    void masterUserLogsInAsAnotherUser() throws IOException {
        Path masters = dir.resolve("masters");
        Files.write(masters, List.of("admin:{PLAIN}masterpw"));
        Path f = users("jsmith:{PLAIN}pw");
        AuthSettings s = AuthSettings.defaults(List.of(
                        PassDbSettings.of("passwd-file", "scheme=PLAIN " + masters).withMaster(true, true),
                        PassDbSettings.of("passwd-file", "scheme=PLAIN " + f)),
                List.of(UserDbSettings.of("passwd-file", f.toString()))).withMasterUserSeparator("*");
        try (AuthService auth = service(s)) {
            ClientInfo c = client("10.0.0.1");
            AuthResult r = auth.authenticatePlain(c, "jsmith*admin", "masterpw");
            assertThat(r).isInstanceOf(AuthResult.Success.class);
            assertThat(((AuthResult.Success) r).user()).isEqualTo("jsmith");
            assertThat(((AuthResult.Success) r).masterUser()).isEqualTo("admin");
            // SASL PLAIN authzid does the same.
            AuthResult z = auth.authenticatePlain(c, "PLAIN", "admin", "jsmith", "masterpw");
            assertThat(((AuthResult.Success) z).user()).isEqualTo("jsmith");
            assertThat(auth.authenticatePlain(c, "jsmith*admin", "pw")).isInstanceOf(AuthResult.Failure.class);
            // pass=yes: the target must exist.
            assertThat(((AuthResult.Failure) auth.authenticatePlain(c, "ghost*admin", "masterpw")).kind())
                    .isEqualTo(AuthResult.Kind.NOT_AUTHORIZED);
            // The master user itself is not a regular user.
            assertThat(auth.authenticatePlain(c, "admin", "masterpw")).isInstanceOf(AuthResult.Failure.class);
        }
        // Without pass = yes the target is not checked against the regular passdbs.
        AuthSettings noPass = s.withDbs(List.of(
                PassDbSettings.of("passwd-file", "scheme=PLAIN " + masters).withMaster(true, false),
                PassDbSettings.of("passwd-file", "scheme=PLAIN " + f)), s.userdbs());
        try (AuthService auth = service(noPass)) {
            assertThat(auth.authenticatePlain(client("10.0.0.1"), "ghost*admin", "masterpw")).isInstanceOf(AuthResult.Success.class);
        }
    }

    @Test
    void userdbLookupForDeliveryWithStaticUserdbChecksThePassdb() throws IOException {
        Path f = users("jsmith@example.com:{PLAIN}pw");
        AuthSettings s = AuthSettings.defaults(
                List.of(PassDbSettings.of("passwd-file", "scheme=PLAIN " + f)),
                List.of(UserDbSettings.of("static", "uid=5000 gid=5000 home=/var/vmail/%d/%n mail=maildir:~/Maildir")));
        try (AuthService auth = service(s)) {
            UserLookup found = auth.lookupUser(ClientInfo.local("lmtp"), "jsmith@example.com");
            assertThat(found).isInstanceOf(UserLookup.Found.class);
            UserInfo info = ((UserLookup.Found) found).info();
            assertThat(info.home()).isEqualTo("/var/vmail/example.com/jsmith");
            assertThat(info.uid()).isEqualTo(5000);
            assertThat(info.gid()).isEqualTo(5000);
            assertThat(info.mail()).isEqualTo("maildir:~/Maildir");
            assertThat(auth.lookupUser(ClientInfo.local("lmtp"), "nobody@example.com")).isInstanceOf(UserLookup.NotFound.class);
        }
    }

    @Test
    void prefetchUsesPassdbFieldsAfterLogin() throws IOException {
        Path f = users("jsmith:{PLAIN}pw:2000:2000::/home/jsmith::userdb_mail=maildir:/srv/jsmith userdb_quota_rule=*:storage=2G");
        try (AuthService auth = service(fileSettings(f))) {
            ClientInfo c = client("10.0.0.1");
            AuthResult.Success s = (AuthResult.Success) auth.authenticatePlain(c, "jsmith", "pw");
            UserInfo info = ((UserLookup.Found) auth.lookupUser(c, s)).info();
            assertThat(info.uid()).isEqualTo(2000);
            assertThat(info.mail()).isEqualTo("maildir:/srv/jsmith");
            assertThat(info.quotaRule()).isEqualTo("*:storage=2G");
            assertThat(info.home()).isEqualTo("/home/jsmith");
        }
    }

    @Test
    void userdbOverrideFieldsAndNamedUid() throws IOException {
        Path f = users("jsmith:{PLAIN}pw:root:root::/home/jsmith");
        AuthSettings s = AuthSettings.defaults(
                List.of(PassDbSettings.of("passwd-file", "scheme=PLAIN " + f)),
                List.of(UserDbSettings.of("passwd-file", f.toString()).withFields("", "home=/home/virtual/%u")));
        try (AuthService auth = service(s)) {
            UserInfo info = ((UserLookup.Found) auth.lookupUser(ClientInfo.local("lmtp"), "jsmith")).info();
            assertThat(info.home()).isEqualTo("/home/virtual/jsmith");
            assertThat(info.uid()).isZero();
            assertThat(info.gid()).isZero();
        }
    }

    @Test
    void aSlowPassdbDoesNotStallOtherLogins() throws Exception {
        Path f = users("jsmith:{PLAIN}pw");
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        PassDbRegistry registry = new PassDbRegistry();
        registry.register("slow", (set, v) -> new PassDb() {
            @Override
            public String driverName() {
                return "slow";
            }

            @Override
            public PassDbResult verifyPlain(AuthRequest r, String pw) {
                if (!r.user().startsWith("slow")) {
                    return PassDbResult.unknownUser();
                }
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return PassDbResult.internalFailure("backend timed out");
            }

            @Override
            public PassDbResult lookupCredentials(AuthRequest r) {
                return PassDbResult.unknownUser();
            }
        });
        AuthSettings s = AuthSettings.defaults(
                List.of(PassDbSettings.of("slow", ""), PassDbSettings.of("passwd-file", "scheme=PLAIN " + f)),
                List.of(UserDbSettings.of("passwd-file", f.toString()))).withFailureDelay(Duration.ZERO);
        try (AuthService auth = new AuthService(s, new PlainOnlyVerifier(), List.of(), registry, new UserDbRegistry(), sleeper)) {
            java.util.concurrent.Future<AuthResult> slow;
            try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                slow = pool.submit(() -> auth.authenticatePlain(client("10.0.0.1"), "slowpoke", "pw"));
                entered.await();
                // While the slow backend holds one request, another user's login completes.
                assertThat(auth.authenticatePlain(client("10.0.0.2"), "jsmith", "pw")).isInstanceOf(AuthResult.Success.class);
                assertThat(slow.isDone()).isFalse();
                release.countDown();
            }
            assertThat(((AuthResult.Failure) slow.get()).kind()).isEqualTo(AuthResult.Kind.TEMPORARY);
        }
    }

    @Test
    void staticPassdb() throws IOException {
        AuthSettings s = AuthSettings.defaults(
                List.of(PassDbSettings.of("static", "password=letmein")),
                List.of(UserDbSettings.of("static", "uid=1 gid=1 home=/tmp/%u allow_all_users=yes")));
        try (AuthService auth = service(s)) {
            assertThat(auth.authenticatePlain(client("10.0.0.1"), "anyone", "letmein")).isInstanceOf(AuthResult.Success.class);
            assertThat(auth.authenticatePlain(client("10.0.0.1"), "anyone", "wrong")).isInstanceOf(AuthResult.Failure.class);
        }
    }
}
