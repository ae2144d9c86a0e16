package org.loftmail.submission;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.auth.ClientInfo;
import org.loftmail.core.log.MailLog;
import org.slf4j.LoggerFactory;

/**
 * A relay that is down is a 4xx, never a lost message; mail_max_userip_connections; failed AUTH raises the
 * address's penalty in the auth service as IMAP's and POP3's do; the login and relay log lines in Dovecot's shapes.
 */
class RelayDownLimitsAndLogsTest {

    @TempDir
    Path dir;

    private ListAppender<ILoggingEvent> logs;

    @BeforeEach
    void captureLogs() {
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(MailLog.LOGGER_ROOT)).addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        ((Logger) LoggerFactory.getLogger(MailLog.LOGGER_ROOT)).detachAppender(logs);
    }

    /** A line-at-a-time client. */
    private record Client(Socket socket, BufferedReader in, OutputStream out) implements AutoCloseable {
        static Client open(SubmissionTestServer server) throws IOException {
            Socket s = server.connect();
            Client c = new Client(s, new BufferedReader(new InputStreamReader(s.getInputStream(),
                    StandardCharsets.US_ASCII)), s.getOutputStream());
            assertThat(c.in.readLine()).startsWith("220 ");
            assertThat(c.command("EHLO client.example.org")).startsWith("250 ");
            return c;
        }

        /** Sends a line; returns the last line of the reply. */
        String command(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String reply;
            while ((reply = in.readLine()) != null && reply.length() > 3 && reply.charAt(3) == '-') {
                // continuation lines
            }
            return reply;
        }

        String auth(String user, String password) throws IOException {
            return command("AUTH PLAIN " + Base64.getEncoder().encodeToString(
                    ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aRelayThatIsDownIsATemporaryFailureAndTheSessionGoesOn() throws Exception {
        try (SubmissionTestServer server = new SubmissionTestServer(dir,
                SubmissionTestServer.relayingTo(dir, closedPort()), null, false);
                Client c = Client.open(server)) {
            assertThat(c.auth("alice", "wonder")).startsWith("235 ");
            assertThat(c.command("MAIL FROM:<alice@anywhere.test>")).isEqualTo("451 4.4.0 Failed to connect to relay server");
            assertThat(c.command("RCPT TO:<friend@example.net>")).isEqualTo("503 5.5.1 MAIL needed first");
            assertThat(c.command("NOOP")).startsWith("250 ");
            assertThat(c.command("QUIT")).startsWith("221 ");
        }
        assertThat(messages()).anyMatch(m -> m.startsWith("submission(alice): Error: Failed to connect to relay server 127.0.0.1:"));
    }

    @Test
    void aRelayLostBetweenTransactionsIsReconnectedAndOneLostMidTransactionIsA4xx() throws Exception {
        ScriptedRelay relay = new ScriptedRelay();
        try (SubmissionTestServer server = new SubmissionTestServer(dir,
                SubmissionTestServer.relayingTo(dir, relay.port()), null, false);
                Client c = Client.open(server)) {
            assertThat(c.auth("alice", "wonder")).startsWith("235 ");
            assertThat(c.command("MAIL FROM:<alice@anywhere.test>")).startsWith("250 ");
            assertThat(c.command("RCPT TO:<friend@example.net>")).startsWith("250 ");
            relay.close(); // the relay goes away in the middle of the transaction
            assertThat(c.command("DATA")).startsWith("354");
            assertThat(c.command("Subject: x\r\n\r\nbody\r\n.")).startsWith("451 4.4.0");
            assertThat(c.command("QUIT")).startsWith("221 ");
        }
    }

    @Test
    void userIpConnectionsAreLimited() throws Exception {
        ScriptedRelay relay = new ScriptedRelay();
        SubmissionSettings base = SubmissionTestServer.relayingTo(dir, relay.port());
        SubmissionSettings one = new SubmissionSettings(base.hostname(), base.greeting(), base.tempDir(),
                base.maxMailSize(), base.maxRecipients(), base.workarounds(), base.offer8BitMime(), base.relay(),
                base.addReceivedHeader(), base.logoutFormat(), base.sslRequired(), 1, base.loginTimeout(),
                base.idleTimeout(), base.maxLineLength(), base.maxBadCommands());
        try (relay; SubmissionTestServer server = new SubmissionTestServer(dir, one, null, false);
                Client first = Client.open(server); Client second = Client.open(server)) {
            assertThat(first.auth("alice", "wonder")).startsWith("235 ");
            assertThat(second.auth("alice", "wonder")).startsWith("421 4.7.0 Maximum number of connections from user+IP");
            assertThat(second.in.readLine()).isNull();
            assertThat(first.command("NOOP")).startsWith("250 ");
        }
    }

    @Test
    void failedAuthRaisesThePenaltyAndTheLogLinesHaveDovecotsShapes() throws Exception {
        ScriptedRelay relay = new ScriptedRelay();
        try (relay; SubmissionTestServer server = new SubmissionTestServer(dir,
                SubmissionTestServer.relayingTo(dir, relay.port()), null, false)) {
            try (Client c = Client.open(server)) {
                assertThat(c.auth("jsmith", "wrong")).isEqualTo("535 5.7.8 Authentication failed");
                assertThat(c.auth("jsmith", "wrong again")).isEqualTo("535 5.7.8 Authentication failed");
            }
            ClientInfo from = ClientInfo.network("smtp", InetAddress.getByName(SubmissionTestServer.HOST), 0,
                    InetAddress.getByName("127.0.0.1"), 0);
            assertThat(server.auth.failureCount(from)).isEqualTo(2);
            waitForLog("submission-login: Info: Disconnected: Connection closed (auth failed, 2 attempts in ");
            try (Client c = Client.open(server)) {
                assertThat(c.auth("jsmith", "secret")).startsWith("235 ");
                assertThat(c.command("MAIL FROM:<jsmith@example.com>")).startsWith("250 ");
                assertThat(c.command("RCPT TO:<friend@example.net>")).startsWith("250 ");
                assertThat(c.command("DATA")).startsWith("354");
                assertThat(c.command("Subject: x\r\n\r\nbody\r\n.")).startsWith("250 ");
                assertThat(c.command("QUIT")).startsWith("221 ");
            }
            assertThat(server.auth.failureCount(from)).isZero(); // a success clears the penalty
        }
        assertThat(messages()).anyMatch(m -> m.matches("submission-login: Info: Disconnected: Connection closed \\(auth failed,"
                + " 2 attempts in \\d+ secs\\): user=<jsmith>, method=PLAIN, rip=127\\.0\\.0\\.1, lip=127\\.0\\.0\\.2,"
                + " session=<\\S+>"));
        assertThat(messages()).anyMatch(m -> m.matches("submission-login: Info: Login: user=<jsmith>, method=PLAIN,"
                + " rip=127\\.0\\.0\\.1, lip=127\\.0\\.0\\.2, mpid=\\d+, session=<\\S+>"));
        waitForLog("submission(jsmith): Info: Disconnected: Logged out in=");
        assertThat(messages()).anyMatch(m -> m.matches("submission\\(jsmith\\): Info: Successfully relayed message:"
                + " from=<jsmith@example\\.com>, size=\\d+, id=\\S+, nrcpt=1, reply=`250 2\\.0\\.0 Ok: queued as 4711'"));
    }

    private java.util.List<String> messages() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private void waitForLog(String start) throws InterruptedException {
        for (int i = 0; i < 250 && messages().stream().noneMatch(m -> m.startsWith(start)); i++) {
            Thread.sleep(20);
        }
        assertThat(messages()).anyMatch(m -> m.startsWith(start));
    }
}
