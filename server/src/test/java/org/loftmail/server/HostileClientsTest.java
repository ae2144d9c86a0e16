package org.loftmail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.transport.SelfSignedCertificates;

/**
 * Issue 20's hostile-client harness, short form for {@code ./loft test}: while attackers hold slowloris connections,
 * stalled TLS handshakes, stream 100 MB lines, send huge and negative literals, 10,000 nested parentheses, CRLF
 * injection attempts and backtracking LIST/SEARCH patterns, a well-behaved client keeps delivering over LMTP and
 * logging in, selecting and fetching over IMAP. Every one of its operations must succeed within a generous bound,
 * and afterwards the server must still serve new clients and hold exactly the mail it acknowledged.
 */
class HostileClientsTest {

    /** Much more than any good operation needs on a loaded machine; the old LIST freeze held everything ~245 s. */
    private static final Duration GOOD_OPERATION_BOUND = Duration.ofSeconds(15);
    private static final Duration ATTACK_TIME = Duration.ofSeconds(12);
    private static final int SLOWLORIS = 150;
    private static final int STALLED_TLS = 100;

    @TempDir
    Path dir;

    private final AtomicBoolean attacking = new AtomicBoolean(true);
    private final List<Socket> held = new ArrayList<>();
    private final ConcurrentLinkedQueue<String> goodFailures = new ConcurrentLinkedQueue<>();
    private int imap;
    private int imaps;
    private int lmtp;

    @Test
    @Timeout(120)
    void aWellBehavedClientIsServedWhileHostileClientsAttack() throws Exception {
        try (LoftServer server = LoftServer.start(config())) {
            prepareMallory();
            ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
            List<Future<?>> attacks = new ArrayList<>();
            try {
                attacks.add(pool.submit(task(this::slowloris)));
                attacks.add(pool.submit(task(this::stalledTlsHandshakes)));
                for (int i = 0; i < 2; i++) {
                    attacks.add(pool.submit(task(this::hugeLine)));
                    attacks.add(pool.submit(task(this::backtrackingPatterns)));
                }
                attacks.add(pool.submit(task(this::hugeLiteralsDeepNestingAndInjection)));
                AtomicInteger rounds = new AtomicInteger();
                long end = System.nanoTime() + ATTACK_TIME.toNanos();
                while (System.nanoTime() < end) {
                    goodRound(rounds.incrementAndGet());
                }
                attacking.set(false);
                assertThat(goodFailures).isEmpty();
                for (Future<?> attack : attacks) {
                    attack.get(60, TimeUnit.SECONDS); // an attacker's own failure is a finding too
                }
                assertThat(Files.readAllLines(dir.resolve("loft.log"), StandardCharsets.ISO_8859_1))
                        .noneMatch(l -> l.startsWith("imap-login: Info: Login: user=<root>"));
                assertThat(rounds.get()).isGreaterThan(2);
                // still healthy: a new client is served, and every acknowledged delivery is there exactly once
                ImapClient c = ImapClient.login(new Socket("127.0.0.1", imap), "jsmith");
                assertThat(c.command("SELECT INBOX")).anyMatch(l -> l.equals("* " + rounds.get() + " EXISTS"));
                List<String> subjects = c.command("FETCH 1:* (BODY.PEEK[HEADER.FIELDS (SUBJECT)])");
                for (int i = 1; i <= rounds.get(); i++) {
                    String subject = "Subject: round " + i;
                    assertThat(subjects.stream().filter(subject::equals).count()).as(subject).isEqualTo(1);
                }
                c.close();
            } finally {
                attacking.set(false);
                for (Socket s : held) {
                    s.close();
                }
                pool.shutdownNow();
            }
        }
    }

    /** One delivery over LMTP, then login, select and fetch of that message over IMAP, each within the bound. */
    private void goodRound(int round) {
        try {
            timed("LMTP delivery " + round, () -> deliver("round " + round));
            timed("IMAP round " + round, () -> {
                ImapClient c = ImapClient.login(new Socket("127.0.0.1", imap), "jsmith");
                assertThat(c.command("SELECT INBOX")).anyMatch(l -> l.equals("* " + round + " EXISTS"));
                assertThat(c.command("FETCH " + round + " BODY[]")).anyMatch(l -> l.equals("Subject: round " + round));
                c.close();
            });
        } catch (Throwable e) {
            goodFailures.add(e.toString());
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static java.util.concurrent.Callable<Void> task(Step step) {
        return () -> {
            step.run();
            return null;
        };
    }

    private void timed(String what, Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (took.compareTo(GOOD_OPERATION_BOUND) > 0) {
            goodFailures.add(what + " took " + took);
        }
    }

    private void deliver(String subject) throws Exception {
        try (Socket s = new Socket("127.0.0.1", lmtp)) {
            s.setSoTimeout((int) GOOD_OPERATION_BOUND.toMillis());
            BufferedReader in = reader(s);
            OutputStream out = s.getOutputStream();
            assertThat(in.readLine()).startsWith("220");
            send(out, "LHLO good.example.com");
            for (String l = in.readLine(); l.startsWith("250-"); l = in.readLine()) { }
            send(out, "MAIL FROM:<sender@example.com>");
            assertThat(in.readLine()).startsWith("250");
            send(out, "RCPT TO:<jsmith>");
            assertThat(in.readLine()).startsWith("250");
            send(out, "DATA");
            assertThat(in.readLine()).startsWith("354");
            send(out, "From: sender@example.com\r\nSubject: " + subject + "\r\n\r\nhello\r\n.");
            assertThat(in.readLine()).startsWith("250");
            send(out, "QUIT");
        }
    }

    /** Mallory's mailbox named with 100 a's and a message with a long body, for the patterns to chew on. */
    private void prepareMallory() throws Exception {
        ImapClient c = ImapClient.login(attacker(imap), "mallory");
        assertThat(c.command("CREATE " + "a".repeat(100))).last().asString().startsWith("x OK");
        String body = "Subject: aaaa\r\n\r\n" + "a".repeat(60_000) + "\r\n";
        assertThat(c.command("APPEND INBOX {" + body.length() + "+}\r\n" + body)).last().asString().startsWith("x OK");
        c.close();
    }

    /** Connections that send one byte of a command every second and never finish a line. */
    private void slowloris() throws Exception {
        List<Socket> mine = new ArrayList<>();
        for (int i = 0; i < SLOWLORIS; i++) {
            Socket s = attacker(i % 2 == 0 ? imap : lmtp);
            hold(s);
            mine.add(s);
        }
        while (attacking.get()) {
            for (Socket s : mine) {
                try {
                    s.getOutputStream().write('a');
                } catch (IOException closedByServer) {
                    // the server may drop a client that never finishes a line; that is allowed
                }
            }
            Thread.sleep(1000);
        }
    }

    /** Implicit-TLS connections that send nothing, or half a TLS record header, and wait. */
    private void stalledTlsHandshakes() throws Exception {
        for (int i = 0; i < STALLED_TLS; i++) {
            Socket s = attacker(imaps);
            hold(s);
            if (i % 2 == 1) {
                s.getOutputStream().write(new byte[] {0x16, 0x03, 0x01});
            }
        }
        while (attacking.get()) {
            Thread.sleep(200);
        }
    }

    /** 100 MB without a line end before login; the server must neither buffer it nor stall on it. */
    private void hugeLine() {
        byte[] chunk = new byte[1 << 20];
        java.util.Arrays.fill(chunk, (byte) 'x');
        try (Socket s = attacker(imap)) {
            OutputStream out = s.getOutputStream();
            out.write("a LOGIN ".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 100 && attacking.get(); i++) {
                out.write(chunk);
            }
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException closedByServer) {
            // Dovecot's answer to an endless line may be to disconnect
        }
    }

    /** Huge, negative and malformed literals, deep nesting and CRLF injection, before and after login. */
    private void hugeLiteralsDeepNestingAndInjection() throws Exception {
        try (Socket s = attacker(imap)) {
            // a user name with a line end must not forge a log line
            s.setSoTimeout(30_000);
            BufferedReader in = reader(s);
            OutputStream out = s.getOutputStream();
            assertThat(in.readLine()).startsWith("* OK");
            String user = "nobody\r\nimap-login: Info: Login: user=<root>";
            send(out, "m LOGIN {" + user.length() + "+}\r\n" + user + " secret");
            assertThat(in.readLine()).startsWith("m NO");
        }
        while (attacking.get()) {
            try (Socket s = attacker(imap)) {
                s.setSoTimeout(30_000);
                BufferedReader in = reader(s);
                OutputStream out = s.getOutputStream();
                assertThat(in.readLine()).startsWith("* OK");
                send(out, "a APPEND INBOX {4294967296}");
                assertThat(in.readLine()).startsWith("a BAD");
                send(out, "b LOGIN {99999999999999999999999}");
                assertThat(in.readLine()).startsWith("b BAD");
                send(out, "c LOGIN mallory {-1}");
                assertThat(in.readLine()).startsWith("c BAD");
            }
            // a 4 GB APPEND is refused or waited for (it is streamed to disk); the attacker then leaves mid-literal
            ImapClient big = ImapClient.login(attacker(imap), "mallory");
            big.send("d APPEND INBOX {4294967296}");
            assertThat(big.in.readLine()).matches("(d NO|\\+) .*");
            big.out.write(new byte[100_000]);
            big.socket.close();
            ImapClient c = ImapClient.login(attacker(imap), "mallory");
            c.send("e APPEND INBOX {-5}");
            assertThat(c.untilTagged("e")).last().asString().startsWith("e BAD");
            c.send("f SELECT INBOX");
            assertThat(c.untilTagged("f")).last().asString().startsWith("f OK");
            c.send("g FETCH 1 " + "(".repeat(10_000) + "FLAGS" + ")".repeat(10_000));
            assertThat(c.untilTagged("g")).last().asString().startsWith("g BAD");
            c.send("h SEARCH " + "(".repeat(10_000) + "ALL" + ")".repeat(10_000));
            assertThat(c.untilTagged("h")).last().asString().matches("h (BAD|NO|OK).*");
            // CRLF inside a literal: a mailbox name may not hold it, and it must never split a response
            String injected = "evil\r\n* OK [ALERT] injected\r\ni OK done";
            c.send("i CREATE {" + injected.length() + "+}\r\n" + injected);
            List<String> answer = c.untilTagged("i");
            assertThat(answer).hasSize(1);
            assertThat(answer.getFirst()).matches("i (NO|BAD) .*");
            c.send("l STATUS INBOX (MESSAGES)");
            assertThat(c.untilTagged("l")).last().asString().startsWith("l OK");
            c.close();
        }
    }

    /** The patterns that froze the server (issue 20, item 1), and SEARCH over a long body. */
    private void backtrackingPatterns() throws Exception {
        ImapClient c = ImapClient.login(attacker(imap), "mallory");
        c.command("SELECT INBOX");
        while (attacking.get()) {
            assertThat(c.command("LIST \"\" \"" + "*a".repeat(12) + "b\"")).last().asString().startsWith("x OK");
            assertThat(c.command("LIST \"\" \"" + "%a".repeat(12) + "b\"")).last().asString().startsWith("x OK");
            assertThat(c.command("LIST \"\" \"" + "*a".repeat(30_000) + "\"")).last().asString().startsWith("x NO");
            assertThat(c.command("SEARCH TEXT \"" + "a".repeat(2_000) + "b\"")).last().asString().startsWith("x OK");
        }
        c.close();
    }

    /**
     * Attackers come from another address (127.0.0.2), as they would: the auth penalty their failed logins earn is
     * per address and must not be what slows the good client.
     */
    private static Socket attacker(int port) throws IOException {
        return new Socket("127.0.0.1", port, java.net.InetAddress.getByName("127.0.0.2"), 0);
    }

    private synchronized void hold(Socket s) {
        held.add(s);
    }

    private Path config() throws Exception {
        SelfSignedCertificates.PemPair pair = SelfSignedCertificates.generate("mail.example.com");
        Files.writeString(dir.resolve("cert.pem"), pair.certPem());
        Files.writeString(dir.resolve("key.pem"), pair.keyPem());
        Files.writeString(dir.resolve("users"), "jsmith:{PLAIN}secret:::::\nmallory:{PLAIN}secret:::::\n");
        imap = freePort();
        imaps = freePort();
        lmtp = freePort();
        Path conf = dir.resolve("loft.conf");
        Files.writeString(conf, """
                protocols = imap lmtp
                listen = 127.0.0.1
                base_dir = %1$s
                log_path = %1$s/loft.log
                ssl = yes
                ssl_cert = <%1$s/cert.pem
                ssl_key = <%1$s/key.pem
                disable_plaintext_auth = no
                mail_location = maildir:%1$s/mail/%%u
                passdb {
                  driver = passwd-file
                  args = %1$s/users
                }
                userdb {
                  driver = passwd-file
                  args = %1$s/users
                }
                service imap-login {
                  inet_listener imap {
                    port = %2$d
                  }
                  inet_listener imaps {
                    port = %3$d
                    ssl = yes
                  }
                }
                service lmtp {
                  inet_listener lmtp {
                    port = %4$d
                  }
                }
                """.formatted(dir, imap, imaps, lmtp));
        return conf;
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static BufferedReader reader(Socket s) throws IOException {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** A plain IMAP client that reads until the tagged answer (literals are read as lines: enough here). */
    private static final class ImapClient implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        private ImapClient(Socket socket) throws IOException {
            this.socket = socket;
            this.in = reader(socket);
            this.out = socket.getOutputStream();
        }

        static ImapClient login(Socket s, String user) throws IOException {
            s.setSoTimeout(30_000);
            ImapClient c = new ImapClient(s);
            String greeting = c.in.readLine();
            if (greeting == null || !greeting.startsWith("* OK")) {
                throw new IOException("greeting: " + greeting);
            }
            List<String> answer = c.command("LOGIN " + user + " secret");
            if (!answer.getLast().startsWith("x OK")) {
                throw new IOException("login: " + answer);
            }
            return c;
        }

        void send(String line) throws IOException {
            HostileClientsTest.send(out, line);
        }

        List<String> command(String command) throws IOException {
            send("x " + command);
            return untilTagged("x");
        }

        List<String> untilTagged(String tag) throws IOException {
            List<String> lines = new ArrayList<>();
            for (String l = in.readLine(); l != null; l = in.readLine()) {
                lines.add(l);
                if (l.startsWith(tag + " ")) {
                    return lines;
                }
            }
            throw new IOException("connection closed before " + tag + ": " + lines);
        }

        @Override
        public void close() throws IOException {
            try {
                command("LOGOUT");
            } finally {
                socket.close();
            }
        }
    }
}
