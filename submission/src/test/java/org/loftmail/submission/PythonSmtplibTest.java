package org.loftmail.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python's smtplib, a second independent client, over STARTTLS and implicit TLS: no plaintext login before TLS,
 * login after it, a relay refusal for one recipient reported for that recipient only, a spoofed sender refused.
 */
class PythonSmtplibTest {

    @TempDir
    Path dir;

    private ScriptedRelay relay;
    private SubmissionTestServer server;

    @BeforeEach
    void start() throws Exception {
        relay = new ScriptedRelay();
        relay.rcptReplies.put("nobody@example.net", "550 5.1.1 <nobody@example.net>: User unknown");
        server = new SubmissionTestServer(dir, SubmissionTestServer.relayingTo(dir, relay.port()), null);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        relay.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"starttls", "smtps"})
    void smtplibSubmitsThroughTheRelay(String mode) throws Exception {
        assumeTrue(python() != null, "python3 is not installed");
        int port = mode.equals("starttls") ? server.plain.port() : server.implicitTls.port();
        List<String> out = run(mode, port);
        if (mode.equals("starttls")) {
            assertThat(out).anyMatch(l -> l.startsWith("features-before-tls ") && l.contains("starttls")
                    && !l.contains("PLAIN") && !l.contains("LOGIN"));
            assertThat(out).anyMatch(l -> l.startsWith("login-before-tls refused"));
        }
        assertThat(out).anyMatch(l -> l.startsWith("features ") && !l.contains("starttls") && l.contains("PLAIN"));
        assertThat(out).contains("login ok", "refused nobody@example.net 550 5.1.1 <nobody@example.net>: User unknown",
                "spoof refused 553 5.7.1 Sender address rejected: not owned by the authenticated user", "quit 221");
        assertThat(relay.received).hasSize(1);
        assertThat(relay.received.get(0).to()).containsExactly("friend@example.net");
        assertThat(relay.received.get(0).data()).contains("\r\n.starts with a dot\r\n").contains("Subject: from smtplib");
    }

    private List<String> run(String mode, int port) throws Exception {
        Path script = dir.resolve("smtplib_client.py");
        try (var in = getClass().getResourceAsStream("/python/smtplib_client.py")) {
            Files.copy(in, script);
        }
        Path ca = SubmissionTestServer.certificateFile(dir);
        Process p = new ProcessBuilder(python(), script.toString(), SubmissionTestServer.HOST, Integer.toString(port),
                        "jsmith", "secret", ca.toString(), mode)
                .redirectErrorStream(true)
                .start();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done).as("smtplib finished").isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return output.lines().toList();
    }

    private static String python() {
        for (String candidate : List.of("/usr/bin/python3", "/usr/local/bin/python3")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }
}
