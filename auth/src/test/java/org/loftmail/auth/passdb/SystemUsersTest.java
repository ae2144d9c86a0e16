package org.loftmail.auth.passdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.loftmail.auth.AuthResult;
import org.loftmail.auth.AuthService;
import org.loftmail.auth.AuthSettings;
import org.loftmail.auth.ClientInfo;
import org.loftmail.auth.PassDbSettings;
import org.loftmail.auth.UserDbSettings;
import org.loftmail.auth.UserInfo;
import org.loftmail.auth.UserLookup;
import org.loftmail.auth.nativeos.SystemAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * pam, shadow and passwd against a real system user made for the test (useradd + chpasswd)
 * and a PAM service file of its own (/etc/pam.d/loft-test-…, pam_unix). Both are removed after.
 */
class SystemUsersTest {
    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    static final String USER = "loftpam" + SUFFIX;
    static final String PASSWORD = "Corr3ct-h0rse " + SUFFIX;
    static final Path PAM_SERVICE = Path.of("/etc/pam.d/loft-test-" + SUFFIX);
    static boolean created;

    @BeforeAll
    static void createUser() throws Exception {
        if (!SystemAccounts.isRoot()) {
            return;
        }
        run(null, "useradd", "-M", "-d", "/nonexistent/" + USER, "-s", "/usr/sbin/nologin", USER);
        created = true;
        run(USER + ":" + PASSWORD + "\n", "chpasswd");
        Files.writeString(PAM_SERVICE, "auth required pam_unix.so nodelay\naccount required pam_unix.so\nsession required pam_unix.so\n");
    }

    @AfterAll
    static void removeUser() throws Exception {
        Files.deleteIfExists(PAM_SERVICE);
        if (created) {
            run(null, "userdel", USER);
        }
    }

    static void run(String stdin, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    static void assumeRoot() {
        assumeTrue(SystemAccounts.isRoot(), "needs root to create a system user and a PAM service file; skipped");
    }

    static AuthService service(PassDbSettings passdb, UserDbSettings userdb) {
        return AuthService.create(AuthSettings.defaults(List.of(passdb), List.of(userdb))
                .withFailureDelay(Duration.ZERO).withPlaintext(false, List.of()), d -> { });
    }

    static ClientInfo client() throws Exception {
        return ClientInfo.network("imap", java.net.InetAddress.getByName("127.0.0.1"), 143,
                java.net.InetAddress.getByName("127.0.0.1"), 50123);
    }

    static AuthResult.Kind kind(AuthResult r) {
        return r instanceof AuthResult.Failure f ? f.kind() : null;
    }

    @Test
    void pamAcceptsTheRightPasswordOnly() throws Exception {
        assumeRoot();
        String args = "session=yes failure_show_msg=yes max_requests=4 " + PAM_SERVICE.getFileName();
        try (AuthService auth = service(PassDbSettings.of("pam", args), UserDbSettings.of("passwd", ""))) {
            assertThat(auth.authenticatePlain(client(), USER, PASSWORD)).isInstanceOf(AuthResult.Success.class);
            assertThat(kind(auth.authenticatePlain(client(), USER, "wrong"))).isEqualTo(AuthResult.Kind.INVALID_CREDENTIALS);
            assertThat(kind(auth.authenticatePlain(client(), "nosuch" + SUFFIX, "x"))).isEqualTo(AuthResult.Kind.INVALID_CREDENTIALS);
        }
    }

    @Test
    void pamWithAMissingServiceFileStillRefuses() throws Exception {
        assumeRoot();
        // No /etc/pam.d file for this name: libpam falls back to "other" (Debian: pam_deny-like
        // unix stack); either way the login must not succeed.
        try (AuthService auth = service(PassDbSettings.of("pam", "no-such-service-" + SUFFIX), UserDbSettings.of("passwd", ""))) {
            assertThat(auth.authenticatePlain(client(), USER, "wrong")).isInstanceOf(AuthResult.Failure.class);
        }
    }

    @Test
    void shadowChecksTheSystemHash() throws Exception {
        assumeRoot();
        try (AuthService auth = service(PassDbSettings.of("shadow", ""), UserDbSettings.of("passwd", ""))) {
            assertThat(auth.authenticatePlain(client(), USER, PASSWORD)).isInstanceOf(AuthResult.Success.class);
            assertThat(kind(auth.authenticatePlain(client(), USER, PASSWORD + "x"))).isEqualTo(AuthResult.Kind.INVALID_CREDENTIALS);
            assertThat(kind(auth.authenticatePlain(client(), "nosuch" + SUFFIX, "x"))).isEqualTo(AuthResult.Kind.INVALID_CREDENTIALS);
        }
    }

    @Test
    void passwdUserdbWithOverrideFields() throws Exception {
        assumeRoot();
        SystemAccounts.Account account = SystemAccounts.userByName(USER).orElseThrow();
        try (AuthService auth = service(PassDbSettings.of("shadow", ""),
                UserDbSettings.of("passwd", "").withFields("", "home=/home/virtual/%u"))) {
            UserInfo info = ((UserLookup.Found) auth.lookupUser(ClientInfo.local("lmtp"), USER)).info();
            assertThat(info.uid()).isEqualTo(Integer.toUnsignedLong(account.uid()));
            assertThat(info.gid()).isEqualTo(Integer.toUnsignedLong(account.gid()));
            assertThat(info.home()).isEqualTo("/home/virtual/" + USER);
            assertThat(auth.lookupUser(ClientInfo.local("lmtp"), "nosuch" + SUFFIX)).isInstanceOf(UserLookup.NotFound.class);
            assertThat(auth.iterateUsers()).contains("root", USER);
        }
        try (AuthService auth = service(PassDbSettings.of("shadow", ""), UserDbSettings.of("passwd", ""))) {
            assertThat(((UserLookup.Found) auth.lookupUser(ClientInfo.local("lmtp"), USER)).info().home()).isEqualTo("/nonexistent/" + USER);
        }
    }
}
