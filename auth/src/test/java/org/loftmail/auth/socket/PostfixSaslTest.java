package org.loftmail.auth.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.loftmail.auth.AuthService;
import org.loftmail.auth.AuthSettings;
import org.loftmail.auth.IpNetwork;
import org.loftmail.auth.PassDbSettings;
import org.loftmail.auth.UserDbSettings;
import org.loftmail.auth.nativeos.SystemAccounts;
import org.loftmail.transport.ConnectionLimiter;
import org.loftmail.transport.ListenerSpec;
import org.loftmail.transport.NetServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Postfix with {@code smtpd_sasl_type = dovecot} pointed at Loft's auth socket; a real
 * SMTP client (Python's smtplib) authenticates through it.
 */
class PostfixSaslTest {
    @TempDir
    Path dir;

    @Test
    void postfixAuthenticatesSmtpClientsThroughLoft() throws Exception {
        assumeTrue(SystemAccounts.isRoot(), "PostfixSaslTest needs root (Postfix's master runs as root); skipped");
        assumeTrue(Files.isExecutable(PrivatePostfix.POSTFIX),
                "PostfixSaslTest needs Debian's postfix (scripts/install-test-deps installs it); skipped");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path users = dir.resolve("users");
        Files.write(users, List.of("jsmith@example.com:{PLAIN}s3cret::::::", "other@example.com:{PLAIN}pw2"));
        AuthSettings settings = AuthSettings.defaults(
                        List.of(PassDbSettings.of("passwd-file", users.toString())),
                        List.of(UserDbSettings.of("passwd-file", users.toString())))
                .withMechanisms(List.of("plain", "login"))
                .withPlaintext(true, IpNetwork.parseList("127.0.0.0/8"))
                .withFailureDelay(Duration.ZERO);
        Path socket = dir.resolve("auth");
        try (AuthService auth = AuthService.create(settings)) {
            NetServer server = new NetServer(1);
            boolean serverClosed = false;
            try {
                server.bind(new ListenerSpec.Unix("auth", "auth", socket, 0666, "", ""),
                        AuthSocketService.client(auth), null, ConnectionLimiter.unlimited());
                try (PrivatePostfix postfix = new PrivatePostfix(dir.resolve("postfix"), socket)) {
                    Path client = dir.resolve("smtp_auth_client.py");
                    try (InputStream in = getClass().getResourceAsStream("/smtp_auth_client.py")) {
                        Files.copy(in, client);
                    }
                    String port = Integer.toString(postfix.port);
                    assertThat(smtp(client, port, "PLAIN", "jsmith@example.com", "s3cret")).as(postfix.logText()).startsWith("235");
                    assertThat(smtp(client, port, "LOGIN", "jsmith@example.com", "s3cret")).startsWith("235");
                    assertThat(smtp(client, port, "PLAIN", "jsmith@example.com", "wrong")).startsWith("535");
                    assertThat(smtp(client, port, "LOGIN", "nobody@example.com", "x")).startsWith("535");
                    assertThat(smtp(client, port, "PLAIN", "other@example.com", "pw2")).startsWith("235");

                    // Loft goes away between EHLO and AUTH: Postfix answers with a temporary error.
                    Process p = new ProcessBuilder("python3", client.toString(), port, "PLAIN", "jsmith@example.com", "s3cret", "pause")
                            .redirectErrorStream(true).start();
                    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                    assertThat(r.readLine()).isEqualTo("EHLO-DONE");
                    server.close();
                    serverClosed = true;
                    try (OutputStream o = p.getOutputStream()) {
                        o.write('\n');
                    }
                    String answer = r.readLine();
                    p.waitFor(30, TimeUnit.SECONDS);
                    assertThat(answer).as(postfix.logText()).startsWith("454");
                    assertThat(postfix.logText()).contains("SASL PLAIN authentication failed: (reason unavailable), sasl_username=jsmith@example.com");
                }
            } finally {
                if (!serverClosed) {
                    server.close();
                }
            }
        }
    }

    private static String smtp(Path client, String port, String mech, String user, String pass)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", client.toString(), port, mech, user, pass)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
