package org.loftmail.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.loftmail.auth.AuthService;
import org.loftmail.auth.AuthSettings;
import org.loftmail.auth.ClientInfo;
import org.loftmail.auth.PassDbSettings;
import org.loftmail.auth.UserDbSettings;
import org.loftmail.auth.socket.AuthSocketService;
import org.loftmail.transport.ConnectionLimiter;
import org.loftmail.transport.ListenerSpec;
import org.loftmail.transport.NetServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** adm auth test / auth lookup / user / auth cache flush against a running auth service's sockets. */
class AuthCommandsTest {
    @TempDir
    Path dir;
    AuthService auth;
    NetServer server;
    Path client;
    Path userdb;

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void start() throws Exception {
        Path users = dir.resolve("users");
        Files.write(users, List.of("jsmith:{PLAIN}secret:1000:1000::/home/jsmith::userdb_quota_rule=*:storage=1G",
                "other:{PLAIN}pw:1001:1001::/home/other"));
        auth = AuthService.create(AuthSettings.defaults(
                        List.of(PassDbSettings.of("passwd-file", users.toString())),
                        List.of(UserDbSettings.of("passwd-file", users.toString())))
                .withFailureDelay(Duration.ZERO)
                .withCache(1 << 20, Duration.ofHours(1), Duration.ofHours(1)), d -> { });
        server = new NetServer(1);
        client = dir.resolve("auth-client");
        userdb = dir.resolve("auth-userdb");
        server.bind(new ListenerSpec.Unix("auth", "auth-client", client, 0600, "", ""), AuthSocketService.client(auth),
                null, ConnectionLimiter.unlimited());
        server.bind(new ListenerSpec.Unix("auth", "auth-userdb", userdb, 0666, "", ""), AuthSocketService.userdb(auth),
                null, ConnectionLimiter.unlimited());
    }

    boolean serverClosed;

    @AfterEach
    void stop() {
        if (!serverClosed) {
            server.close();
        }
        auth.close();
    }

    Run adm(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AdminCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), dir.resolve("no-such.conf"));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void authTest() {
        Run ok = adm("auth", "test", "-a", client.toString(), "jsmith", "secret");
        assertThat(ok.exit()).isZero();
        assertThat(ok.out()).contains("passdb: jsmith auth succeeded", "user=jsmith");
        Run bad = adm("auth", "test", "-a", client.toString(), "jsmith", "nope");
        assertThat(bad.exit()).isEqualTo(77);
        assertThat(bad.out()).contains("passdb: jsmith auth failed");
    }

    @Test
    void authLookupAndUser() {
        Run lookup = adm("auth", "lookup", "-a", userdb.toString(), "jsmith");
        assertThat(lookup.exit()).isZero();
        assertThat(lookup.out()).contains("passdb: jsmith").contains("user").contains("userdb_quota_rule");
        Run missing = adm("auth", "lookup", "-a", userdb.toString(), "ghost");
        assertThat(missing.exit()).isEqualTo(67);
        assertThat(missing.err()).contains("passdb: ghost doesn't exist");

        Run user = adm("user", "-a", userdb.toString(), "jsmith");
        assertThat(user.exit()).isZero();
        assertThat(user.out()).containsPattern("home\\s+/home/jsmith").containsPattern("uid\\s+1000").containsPattern("quota_rule\\s+\\*:storage=1G");
        assertThat(adm("user", "-a", userdb.toString(), "-f", "home", "other").out().trim()).isEqualTo("/home/other");
        assertThat(adm("user", "-a", userdb.toString(), "*").out().lines().toList()).containsExactly("jsmith", "other");
        Run nouser = adm("user", "-a", userdb.toString(), "ghost");
        assertThat(nouser.exit()).isEqualTo(67);
        assertThat(nouser.err()).contains("userdb lookup: user ghost doesn't exist");
    }

    @Test
    void cacheFlush() {
        assertThat(auth.authenticatePlain(ClientInfo.local("imap"), "jsmith", "secret")).isNotNull();
        assertThat(auth.authenticatePlain(ClientInfo.local("imap"), "other", "pw")).isNotNull();
        Run one = adm("auth", "cache", "flush", "-a", userdb.toString(), "jsmith");
        assertThat(one.exit()).isZero();
        assertThat(one.out().trim()).isEqualTo("1 cache entries flushed");
        Run all = adm("auth", "cache", "flush", "-a", userdb.toString());
        assertThat(all.out().trim()).isEqualTo("1 cache entries flushed");
    }

    @Test
    void aStoppedServerIsATemporaryFailure() {
        server.close();
        serverClosed = true;
        Run r = adm("auth", "test", "-a", client.toString(), "jsmith", "secret");
        assertThat(r.exit()).isEqualTo(75);
        assertThat(r.err()).contains("Error");
    }
}
