package org.loftmail.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.smtp.client.RelaySettings;
import org.loftmail.submission.relay.RelayTarget;

/**
 * A real Postfix as the relay, trusted (submission_relay_trusted = yes): Postfix learns the real client and the
 * login from XCLIENT (its log shows them), and its own per-recipient refusals, 4xx and 5xx, reach the client as
 * Postfix gave them. Runs only as root with Postfix installed, like lmtp's PostfixDeliveryTest.
 */
class PostfixRelayTest {

    @TempDir
    Path tmp;

    private PostfixRelay postfix;
    private SubmissionTestServer server;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(PostfixRelay.POSTFIX), "postfix is not installed");
        assumeTrue("root".equals(System.getProperty("user.name")), "a private postfix needs root");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        postfix = new PostfixRelay(tmp.resolve("postfix"), port);
        postfix.start();
        SubmissionSettings settings = SubmissionSettings.defaults("mx.loft.test", tmp).withRelay(new RelayTarget(
                RelaySettings.plain("127.0.0.1", port, "mx.loft.test")
                        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30)),
                true, Duration.ofMinutes(29)));
        server = new SubmissionTestServer(tmp, settings, null, false);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (postfix != null) {
            postfix.close();
        }
    }

    @Test
    void postfixLearnsTheRealClientThroughXclientAndItsRefusalsPassThroughPerRecipient() throws Exception {
        try (Socket s = server.connect()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            assertThat(in.readLine()).startsWith("220 ");
            send(out, "EHLO laptop.example.org");
            String line;
            while ((line = in.readLine()).startsWith("250-")) {
                // the extension list
            }
            send(out, "AUTH PLAIN " + java.util.Base64.getEncoder().encodeToString(
                    "\0alice\0wonder".getBytes(StandardCharsets.UTF_8)));
            assertThat(in.readLine()).startsWith("235 ");
            send(out, "MAIL FROM:<alice@loft.test>");
            assertThat(in.readLine()).startsWith("250 2.1.0");
            send(out, "RCPT TO:<friend@example.net>");
            assertThat(in.readLine()).startsWith("250 2.1.5");
            send(out, "RCPT TO:<later@example.net>");
            assertThat(in.readLine()).isEqualTo("450 4.2.0 <later@example.net>: Recipient address rejected: Greylisted");
            send(out, "RCPT TO:<nobody@example.net>");
            assertThat(in.readLine()).isEqualTo("550 5.1.1 <nobody@example.net>: Recipient address rejected: User unknown");
            send(out, "DATA");
            assertThat(in.readLine()).startsWith("354");
            send(out, "Subject: through postfix\r\n\r\nhello\r\n.");
            String queued = in.readLine();
            assertThat(queued).matches("250 2\\.0\\.0 Ok: queued as \\w+");
            send(out, "QUIT");
            assertThat(in.readLine()).startsWith("221");
            String queueId = queued.substring(queued.lastIndexOf(' ') + 1);
            // XCLIENT: Postfix names the submission client's address and the user who logged in to Loft
            postfix.awaitLogLine(20, queueId + ": client=", "[127.0.0.1]", "sasl_method=XCLIENT",
                    "sasl_username=alice");
            postfix.awaitLogLine(20, queueId, "to=<friend@example.net>", "status=sent");
        }
    }

    private static void send(OutputStream out, String line) throws java.io.IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
