package org.loftmail.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.SelectedMailbox;

/** Python's poplib, a second independent client: STLS and POP3S, RETR byte-exactness, DELE at QUIT. */
class PythonPoplibTest {

    private static final String FIRST = "From: a@example.com\r\nSubject: py\r\n\r\n.dot\r\nplain\r\n";
    private static final String SECOND = "Subject: no final newline\r\n\r\nend";

    @TempDir
    Path dir;

    Pop3TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new Pop3TestServer(dir, Pop3Settings.defaults());
        server.deliver("jsmith", FIRST);
        server.deliver("jsmith", SECOND);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"stls", "pop3s"})
    void poplibReadsWhatWasStoredAndDeletes(String mode) throws Exception {
        assumeTrue(python() != null, "python3 is not installed");
        int port = mode.equals("stls") ? server.plain.port() : server.implicitTls.port();
        List<String> out = run(mode, port);
        if (mode.equals("stls")) {
            assertThat(out).anyMatch(l -> l.startsWith("capa-before-tls ") && l.contains("STLS") && !l.contains("USER"));
        }
        assertThat(out).anyMatch(l -> l.startsWith("capa ") && l.contains("USER") && !l.contains("STLS"));
        assertThat(out).contains("user +OK", "pass +OK Logged in.", "stat 2 " + (FIRST.length() + SECOND.length()));
        assertThat(out).contains("list 1 " + FIRST.length() + " 2 " + SECOND.length());
        // poplib strips the dot-stuffing; what it gets back must be the stored bytes (plus the CRLF POP3 adds
        // before the terminating "." when the message does not end with one).
        assertThat(out).contains("retr 1 +OK " + FIRST.length() + " octets " + FIRST.length() + " "
                + FIRST.length() + " " + sha256(FIRST));
        assertThat(out).contains("retr 2 +OK " + SECOND.length() + " octets " + (SECOND.length() + 2) + " "
                + (SECOND.length() + 2) + " " + sha256(SECOND + "\r\n"));
        assertThat(out).contains("top 3", "dele +OK Marked to be deleted.", "quit +OK Logging out, messages deleted.");
        try (MailStorage storage = server.openStorage("jsmith");
                SelectedMailbox inbox = storage.mailbox(MailboxName.INBOX).select(true)) {
            assertThat(inbox.count()).isEqualTo(1);
            assertThat(inbox.record(1).virtualSize()).isEqualTo(SECOND.length());
        }
    }

    private List<String> run(String mode, int port) throws Exception {
        Path script = dir.resolve("poplib_client.py");
        try (var in = getClass().getResourceAsStream("/python/poplib_client.py")) {
            Files.copy(in, script);
        }
        Path ca = Pop3TestServer.certificateFile(dir);
        Process p = new ProcessBuilder(python(), script.toString(), Pop3TestServer.HOST, Integer.toString(port),
                        "jsmith", "secret", ca.toString(), mode)
                .redirectErrorStream(true)
                .start();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done).as("poplib finished").isTrue();
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

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.ISO_8859_1)));
    }
}
