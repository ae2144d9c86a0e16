package org.loftmail.managesieve;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.log.MailLog;
import org.loftmail.sieve.store.SieveStoreSettings;
import org.slf4j.LoggerFactory;

/**
 * STARTTLS (RFC 5804 section 2.2: capabilities again over TLS, nothing pipelined in plaintext behind it is run)
 * and Dovecot's log lines for logins, logouts and refused users.
 */
class TlsAndLogsTest {

    private static final String PLAIN_JSMITH = "AGpzbWl0aABzZWNyZXQ=";

    @TempDir
    Path dir;
    ManageSieveTestServer server;
    ListAppender<ILoggingEvent> logs;

    @BeforeEach
    void captureLogs() {
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(MailLog.LOGGER_ROOT)).addAppender(logs);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(MailLog.LOGGER_ROOT)).detachAppender(logs);
        if (server != null) server.close();
    }

    private void start(SieveStoreSettings store) throws Exception {
        server = new ManageSieveTestServer(dir, ManageSieveSettings.defaults(), store, true);
    }

    /** Waits (bounded) for a log line: sessions log on their own threads. */
    private String logLine(Predicate<String> wanted) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(until)) {
            for (ILoggingEvent e : List.copyOf(logs.list)) {
                String line = e.getFormattedMessage();
                if (wanted.test(line)) return line;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no such log line in " + logs.list);
    }

    private static List<String> untilOk(BufferedReader in) throws Exception {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            lines.add(line);
            if (line.startsWith("OK") || line.startsWith("NO") || line.startsWith("BYE")) break;
        }
        return lines;
    }

    @Test
    void startTlsResendsCapabilitiesAndDropsInjectedPlaintext() throws Exception {
        start(SieveStoreSettings.DEFAULTS);
        try (Socket plain = server.connect()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(plain.getInputStream(), UTF_8));
            List<String> greeting = untilOk(in);
            assertThat(greeting).contains("\"SASL\" \"SCRAM-SHA-256\"", "\"STARTTLS\"");
            OutputStream out = plain.getOutputStream();
            // the classic injection: a command pipelined in plaintext behind STARTTLS
            out.write(("STARTTLS\r\nAUTHENTICATE \"PLAIN\" \"" + PLAIN_JSMITH + "\"\r\n").getBytes(UTF_8));
            out.flush();
            assertThat(in.readLine()).isEqualTo("OK \"Begin TLS negotiation now.\"");
            SSLSocket tls = (SSLSocket) ManageSieveTestServer.clientTls().getSocketFactory()
                    .createSocket(plain, "localhost", plain.getPort(), true);
            tls.startHandshake();
            BufferedReader tin = new BufferedReader(new InputStreamReader(tls.getInputStream(), UTF_8));
            List<String> again = untilOk(tin);
            assertThat(again).contains("\"SASL\" \"PLAIN LOGIN SCRAM-SHA-256\"", "\"VERSION\" \"1.0\"")
                    .doesNotContain("\"STARTTLS\"");
            assertThat(again.get(again.size() - 1)).isEqualTo("OK \"TLS negotiation successful.\"");
            OutputStream tout = tls.getOutputStream();
            tout.write("NOOP \"after-tls\"\r\n".getBytes(UTF_8));
            // the injected AUTHENTICATE never ran: the next answer is the NOOP's
            assertThat(tin.readLine()).isEqualTo("OK (TAG \"after-tls\") \"Done\"");
            tout.write(("AUTHENTICATE \"PLAIN\" \"" + PLAIN_JSMITH + "\"\r\nSTARTTLS\r\nLOGOUT\r\n").getBytes(UTF_8));
            assertThat(tin.readLine()).isEqualTo("OK \"Logged in.\"");
            assertThat(tin.readLine()).isEqualTo("NO \"Error in MANAGESIEVE command STARTTLS: Unknown command.\"");
            assertThat(tin.readLine()).isEqualTo("OK \"Logout completed.\"");
        }
        assertThat(logLine(l -> l.contains("Login: "))).matches(
                "managesieve-login: Info: Login: user=<jsmith>, method=PLAIN, rip=127\\.0\\.0\\.1, "
                        + "lip=127\\.0\\.0\\.2, mpid=\\d+, TLS, session=<[^>]+>");
        assertThat(logLine(l -> l.contains("Disconnected: Logged out"))).matches(
                "managesieve\\(jsmith\\): Info: Disconnected: Logged out bytes=\\d+/\\d+");
    }

    @Test
    void failedLoginsAndAbortedSessionsAreLoggedAsDovecotDoes() throws Exception {
        start(SieveStoreSettings.DEFAULTS);
        try (Socket s = server.connect()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), UTF_8));
            untilOk(in);
            // PLAIN before TLS is refused (disable_plaintext_auth), then a wrong password over PLAIN after STARTTLS
            s.getOutputStream().write("AUTHENTICATE \"PLAIN\" \"AGpzbWl0aAB3cm9uZw==\"\r\nLOGOUT\r\n".getBytes(UTF_8));
            assertThat(in.readLine()).startsWith("NO");
            assertThat(in.readLine()).isEqualTo("OK \"Logout completed.\"");
        }
        assertThat(logLine(l -> l.contains("Aborted login"))).matches(
                "managesieve-login: Info: Disconnected: Aborted login by logging out \\(tried to use disallowed "
                        + "plaintext auth\\): user=<>, method=PLAIN, rip=127\\.0\\.0\\.1, lip=127\\.0\\.0\\.2, "
                        + "session=<[^>]+>");
    }

    @Test
    void refusedScriptOperationsAreLoggedAtInfoAsPigeonholeDoes() throws Exception {
        server = new ManageSieveTestServer(dir, ManageSieveSettings.defaults(), SieveStoreSettings.DEFAULTS, false);
        try (Socket s = server.connect()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), UTF_8));
            untilOk(in);
            OutputStream out = s.getOutputStream();
            out.write(("AUTHENTICATE \"PLAIN\" \"" + PLAIN_JSMITH + "\"\r\nPUTSCRIPT \"../x\" \"keep;\"\r\n"
                    + "GETSCRIPT \"zz\"\r\nPUTSCRIPT \"a\" \"keep;\"\r\nSETACTIVE \"a\"\r\nDELETESCRIPT \"a\"\r\n"
                    + "RENAMESCRIPT \"zz\" \"y\"\r\nSETACTIVE \"zz\"\r\n").getBytes(UTF_8));
            for (int i = 0; i < 8; i++) in.readLine();
        }
        logLine(l -> l.equals("managesieve(jsmith): Info: Failed to store script `../x': Invalid Sieve script name `../x'."));
        logLine(l -> l.equals("managesieve(jsmith): Info: Failed to retrieve script `zz': Sieve script `zz' not found"));
        logLine(l -> l.equals("managesieve(jsmith): Info: Failed to delete script `a': Cannot delete the active Sieve script."));
        logLine(l -> l.equals("managesieve(jsmith): Info: Failed to open script `zz' for rename to `y': Sieve script `zz' not found"));
        logLine(l -> l.equals("managesieve(jsmith): Info: Failed to open script `zz' for activation: Sieve script `zz' not found"));
        logLine(l -> l.matches("managesieve\\(jsmith\\): Info: Connection closed bytes=\\d+/\\d+"));
    }

    @Test
    void aUserWithoutPersonalScriptsIsToldSoAndLogged() throws Exception {
        start(SieveStoreSettings.DEFAULTS.withSieve(""));
        try (Socket plain = server.connect()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(plain.getInputStream(), UTF_8));
            untilOk(in);
            OutputStream out = plain.getOutputStream();
            out.write("STARTTLS\r\n".getBytes(UTF_8));
            assertThat(in.readLine()).startsWith("OK");
            SSLSocket tls = (SSLSocket) ManageSieveTestServer.clientTls().getSocketFactory()
                    .createSocket(plain, "localhost", plain.getPort(), true);
            BufferedReader tin = new BufferedReader(new InputStreamReader(tls.getInputStream(), UTF_8));
            untilOk(tin);
            tls.getOutputStream().write(("AUTHENTICATE \"PLAIN\" \"" + PLAIN_JSMITH + "\"\r\n").getBytes(UTF_8));
            assertThat(tin.readLine()).isEqualTo("BYE \"This user cannot manage personal Sieve scripts.\"");
            assertThat(tin.readLine()).isNull();
        }
        assertThat(logLine(l -> l.contains("Failed to open Sieve storage"))).isEqualTo(
                "managesieve(jsmith): Error: Failed to open Sieve storage: Personal script storage disabled or not found.");
    }
}
