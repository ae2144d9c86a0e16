package org.loftmail.auth.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.loftmail.auth.AuthService;
import org.loftmail.auth.AuthSettings;
import org.loftmail.auth.PassDbSettings;
import org.loftmail.auth.UserDbSettings;
import org.loftmail.transport.ConnectionLimiter;
import org.loftmail.transport.ListenerSpec;
import org.loftmail.transport.NetServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The auth client protocol on a real unix socket through the transport: hostile input, then normal use. */
class AuthSocketServiceTest {
    @TempDir
    Path dir;

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void hostileLinesGetFailsAndTheConnectionGoesOn() throws Exception {
        Path users = dir.resolve("users");
        Files.write(users, List.of("jsmith:{PLAIN}secret"));
        AuthSettings s = AuthSettings.defaults(List.of(PassDbSettings.of("passwd-file", users.toString())),
                        List.of(UserDbSettings.of("passwd-file", users.toString())))
                .withMechanisms(List.of("plain", "login")).withFailureDelay(Duration.ZERO);
        Path socket = dir.resolve("auth-client");
        try (AuthService auth = AuthService.create(s, d -> { })) {
            NetServer server = new NetServer(1);
            try {
                server.bind(new ListenerSpec.Unix("auth", "auth-client", socket, 0600, "", ""), AuthSocketService.client(auth),
                        null, ConnectionLimiter.unlimited());
                try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    ch.connect(UnixDomainSocketAddress.of(socket));
                    BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
                    OutputStream out = Channels.newOutputStream(ch);
                    String line;
                    while (!(line = in.readLine()).equals("DONE")) {
                        assertThat(line).doesNotContain("\r");
                    }
                    out.write("VERSION\t1\t2\nCPID\t42\n".getBytes(StandardCharsets.UTF_8));
                    // Beyond the transport's limit: the line is dropped, the client hears a FAIL.
                    out.write(("AUTH\t1\tPLAIN\tservice=smtp\tresp=" + "A".repeat(100_000) + "\n").getBytes(StandardCharsets.UTF_8));
                    assertThat(in.readLine()).isEqualTo("FAIL\t0\treason=Request line too long");
                    // Beyond the protocol's 16 KB: answered by id.
                    out.write(("AUTH\t2\tPLAIN\tservice=smtp\tresp=" + "A".repeat(20_000) + "\n").getBytes(StandardCharsets.UTF_8));
                    assertThat(in.readLine()).isEqualTo("FAIL\t2\treason=Request line too long");
                    out.write("AUTH\t3\tPL\0AIN\tservice=smtp\n".getBytes(StandardCharsets.UTF_8));
                    assertThat(in.readLine()).isEqualTo("FAIL\t3\treason=Unsupported authentication mechanism");
                    out.write(("AUTH\t4\tPLAIN\tservice=smtp\tresp=" + b64("\0js\u0001tmith\0secret") + "\n").getBytes(StandardCharsets.UTF_8));
                    assertThat(in.readLine()).startsWith("FAIL\t4");
                    out.write(("CONT\t99\t" + b64("x") + "\n").getBytes(StandardCharsets.UTF_8));
                    assertThat(in.readLine()).isEqualTo("FAIL\t99\treason=Unknown request id");
                    out.write("\n\n\t\t\n".getBytes(StandardCharsets.UTF_8));
                    out.write(("AUTH\t5\tPLAIN\tservice=smtp\tresp=" + b64("\0jsmith\0secret") + "\n").getBytes(StandardCharsets.UTF_8));
                    assertThat(in.readLine()).isEqualTo("OK\t5\tuser=jsmith");
                }
            } finally {
                server.close();
            }
        }
    }

    /**
     * Issue 20, item 10: requests on one connection were answered one at a time, so a failed login held every request
     * behind it for auth_failure_delay (Postfix multiplexes SMTP sessions over one connection). Here the failure delay
     * waits until the test releases it: the good login pipelined behind the failed one must be answered meanwhile.
     */
    @Test
    void aDelayedFailureDoesNotHoldTheRequestsBehindIt() throws Exception {
        Path users = dir.resolve("users");
        Files.write(users, List.of("jsmith:{PLAIN}secret"));
        AuthSettings s = AuthSettings.defaults(List.of(PassDbSettings.of("passwd-file", users.toString())),
                        List.of(UserDbSettings.of("passwd-file", users.toString())))
                .withFailureDelay(Duration.ofSeconds(2));
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Path socket = dir.resolve("auth-client");
        try (AuthService auth = AuthService.create(s, d -> release.await())) {
            NetServer server = new NetServer(1);
            try {
                server.bind(new ListenerSpec.Unix("auth", "auth-client", socket, 0600, "", ""), AuthSocketService.client(auth),
                        null, ConnectionLimiter.unlimited());
                try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    ch.connect(UnixDomainSocketAddress.of(socket));
                    BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
                    OutputStream out = Channels.newOutputStream(ch);
                    while (!in.readLine().equals("DONE")) { }
                    out.write(("VERSION\t1\t2\nCPID\t42\n"
                            + "AUTH\t1\tPLAIN\tservice=smtp\tsecured\trip=192.0.2.1\tresp=" + b64("\0jsmith\0wrong") + "\n"
                            + "AUTH\t2\tPLAIN\tservice=smtp\tsecured\trip=192.0.2.2\tresp=" + b64("\0jsmith\0secret") + "\n"
                            + "AUTH\t3\tPLAIN\tservice=smtp\tsecured\trip=192.0.2.3\tresp=" + b64("\0nobody\0x") + "\n"
                            + "AUTH\t4\tPLAIN\tservice=smtp\tsecured\trip=192.0.2.4\tresp=" + b64("\0jsmith\0secret") + "\n")
                            .getBytes(StandardCharsets.UTF_8));
                    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                        assertThat(List.of(in.readLine(), in.readLine())).containsExactlyInAnyOrder(
                                "OK\t2\tuser=jsmith", "OK\t4\tuser=jsmith");
                    });
                    release.countDown();
                    assertThat(List.of(in.readLine(), in.readLine())).allMatch(l -> l.startsWith("FAIL\t1") || l.startsWith("FAIL\t3"))
                            .doesNotHaveDuplicates();
                }
            } finally {
                server.close();
            }
        }
    }
}
