package org.loftmail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Session behaviour that needs short timers, log capture or byte-level control. */
class ImapSessionBehaviourTest {

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger("imap-login")).addAppender(logs);
        ((Logger) LoggerFactory.getLogger("imap")).addAppender(logs);
    }

    @AfterEach
    void stopCapture() {
        ((Logger) LoggerFactory.getLogger("imap-login")).detachAppender(logs);
        ((Logger) LoggerFactory.getLogger("imap")).detachAppender(logs);
    }

    private record Client(Socket socket, BufferedReader in, OutputStream out) implements AutoCloseable {
        static Client connect(ImapTestServer s) throws Exception {
            Socket socket = s.connect();
            socket.setSoTimeout(10_000);
            return new Client(socket, new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)),
                    socket.getOutputStream());
        }

        void send(String text) throws Exception {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        String line() throws Exception {
            return in.readLine();
        }

        /** Reads up to and including the tagged line. */
        String until(String tag) throws Exception {
            StringBuilder sb = new StringBuilder();
            for (String l = line(); l != null; l = line()) {
                sb.append(l).append('\n');
                if (l.startsWith(tag + " ")) break;
            }
            return sb.toString();
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    private List<String> messages() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void idleSendsKeepalivesAndWakesOnDelivery() throws Exception {
        ImapSettings settings = ImapSettings.defaults().withIdleIntervals(Duration.ofMillis(300), Duration.ofSeconds(30));
        try (ImapTestServer server = new ImapTestServer(dir, settings, false); Client c = Client.connect(server)) {
            c.line();
            c.send("a LOGIN alice secret\r\nb SELECT INBOX\r\n");
            c.until("b");
            c.send("c IDLE\r\n");
            assertThat(c.line()).isEqualTo("+ idling");
            assertThat(c.line()).isEqualTo("* OK Still here");
            server.deliver("alice", "INBOX", "Subject: x\r\n\r\ny\r\n");
            String next = c.line();
            while (next.equals("* OK Still here")) next = c.line();
            assertThat(next).isEqualTo("* 1 EXISTS");
            assertThat(c.line()).isEqualTo("* 1 RECENT");
            c.send("DONE\r\n");
            assertThat(c.until("c")).endsWith("c OK Idle completed.\n");
        }
        // the session logs its end on its own thread once it sees the closed socket: wait for it, bounded
        awaitLogged(m -> m.startsWith("imap(alice): Disconnected: Disconnected in IDLE in=")
                || m.startsWith("imap(alice): Disconnected: Connection closed in="));
    }

    private void awaitLogged(java.util.function.Predicate<String> line) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (messages().stream().anyMatch(line)) return;
            } catch (java.util.ConcurrentModificationException e) {
                // the appender's list grew while we read it: read again
            }
            Thread.sleep(20);
        }
        assertThat(messages()).anyMatch(line);
    }

    @Test
    void inactiveClientsAreLoggedOut() throws Exception {
        ImapSettings settings = new ImapSettings(65536, 0, 10, Duration.ofMinutes(2), Duration.ofSeconds(30),
                Duration.ofMillis(300), Duration.ofMillis(300), "Loft ready.", "Loft");
        try (ImapTestServer server = new ImapTestServer(dir, settings, false); Client c = Client.connect(server)) {
            c.line();
            assertThat(c.line()).isEqualTo("* BYE Disconnected for inactivity.");
            assertThat(c.line()).isNull();
        }
    }

    @Test
    void aCommandSentOneByteAtATimeWithLiteralsIsAssembled() throws Exception {
        try (ImapTestServer server = new ImapTestServer(dir); Client c = Client.connect(server)) {
            c.line();
            c.socket().setTcpNoDelay(true);
            for (byte b : "a LOGIN {5+}\r\nalice {6+}\r\nsecret\r\n".getBytes(StandardCharsets.US_ASCII)) {
                c.out().write(b);
                c.out().flush();
            }
            assertThat(c.line()).startsWith("a OK [CAPABILITY IMAP4rev1 ");
            c.send("b APPEND INBOX {12}\r\n");
            assertThat(c.line()).isEqualTo("+ OK");
            for (byte b : "Subject: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) {
                c.out().write(b);
                c.out().flush();
            }
            assertThat(c.line()).matches("b OK \\[APPENDUID \\d+ 1\\] Append completed\\.");
        }
    }

    @Test
    void dovecotLogLinesForLoginFailureAndLogout() throws Exception {
        try (ImapTestServer server = new ImapTestServer(dir)) {
            try (Client c = Client.connect(server)) {
                c.line();
                c.send("a LOGIN alice wrong\r\n");
                assertThat(c.line()).isEqualTo("a NO [AUTHENTICATIONFAILED] Authentication failed.");
            }
            try (Client c = Client.connect(server)) {
                c.line();
                c.send("a LOGIN alice secret\r\nb LOGOUT\r\n");
                assertThat(c.until("b")).contains("* BYE Logging out");
                assertThat(c.line()).isNull();
            }
        }
        awaitLogged(m -> m.contains("Logged out"));
        assertThat(messages()).anyMatch(m -> m.matches(
                "imap-login: Disconnected \\(auth failed, 1 attempts in \\d+ secs\\): user=<alice>, method=PLAIN, rip=127\\.0\\.0\\.1, lip=127\\.0\\.0\\.1, session=<.+>"));
        assertThat(messages()).anyMatch(m -> m.matches(
                "imap-login: Login: user=<alice>, method=PLAIN, rip=127\\.0\\.0\\.1, lip=127\\.0\\.0\\.1, mpid=\\d+, session=<.+>"));
        assertThat(messages()).anyMatch(m -> m.matches("imap\\(alice\\): Disconnected: Logged out in=\\d+ out=\\d+"));
        assertThat(messages()).noneMatch(m -> m.contains("secret") || m.contains("wrong"));
    }

    @Test
    void twentyBadCommandsInARowEndTheConnection() throws Exception {
        try (ImapTestServer server = new ImapTestServer(dir); Client c = Client.connect(server)) {
            c.line();
            c.send("a NOOP\r\n" + "b BOGUS\r\n".repeat(19) + "c NOOP\r\n" + "d BOGUS\r\n".repeat(20) + "e NOOP\r\n");
            assertThat(c.until("c")).contains("c OK NOOP completed.");
            String rest = c.until("never");
            assertThat(rest).endsWith("d BAD Error in IMAP command received by server.\n* BYE Too many invalid IMAP commands.\n");
        }
    }

    @Test
    void aLargeAppendIsStreamedToStorage() throws Exception {
        int size = 8 * 1024 * 1024;
        try (ImapTestServer server = new ImapTestServer(dir); Client c = Client.connect(server)) {
            c.line();
            c.send("a LOGIN alice secret\r\n");
            c.until("a");
            c.send("b APPEND INBOX {" + size + "+}\r\n");
            byte[] line = ("x".repeat(78) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] head = "Subject: big\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            c.out().write(head);
            long left = size - head.length;
            while (left >= line.length) {
                c.out().write(line);
                left -= line.length;
            }
            c.out().write("y".repeat((int) left).getBytes(StandardCharsets.US_ASCII));
            c.send("\r\n");
            assertThat(c.until("b")).matches("(?s).*b OK \\[APPENDUID \\d+ 1\\] Append completed\\.\n");
            c.send("c SELECT INBOX\r\nd FETCH 1 RFC822.SIZE\r\n");
            c.until("c");
            assertThat(c.until("d")).startsWith("* 1 FETCH (RFC822.SIZE " + size + ")");
        }
    }

    @Test
    void aMultiappendCutOffInTheMiddleKeepsNothing() throws Exception {
        // RFC 3502: all or nothing. The "+ OK" for the second message comes only once the first one is saved.
        try (ImapTestServer server = new ImapTestServer(dir)) {
            try (Client c = Client.connect(server)) {
                c.line();
                c.send("a LOGIN alice secret\r\n");
                c.until("a");
                c.send("b APPEND INBOX {10+}\r\nSubject: 1 {100}\r\n");
                assertThat(c.line()).isEqualTo("+ OK");
                c.send("Subject: 2\r\n\r\npartial");
            }
            try (Client c = Client.connect(server)) {
                c.line();
                c.send("a LOGIN alice secret\r\n");
                c.until("a");
                String status = "";
                for (int i = 0; i < 50 && !status.contains("MESSAGES 0"); i++) {
                    Thread.sleep(100);
                    c.send("s STATUS INBOX (MESSAGES)\r\n");
                    status = c.until("s");
                }
                assertThat(status).contains("* STATUS INBOX (MESSAGES 0)");
            }
        }
    }
}
