package org.loftmail.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real rsyslogd (Debian's, started by the test in the foreground with its own socket and no systemd) receives a
 * Loft server's lines for a configuration that leaves log_path unset, and writes mail.log as a Debian host does;
 * fail2ban's own dovecot filter then finds the failed login in that file. Skips when rsyslog is not installed.
 */
class RsyslogEndToEndTest {

    private static final Path RSYSLOGD = Path.of("/usr/sbin/rsyslogd");
    private static final Path FAIL2BAN_REGEX = Path.of("/usr/bin/fail2ban-regex");
    private static final Path DOVECOT_FILTER = Path.of("/etc/fail2ban/filter.d/dovecot.conf");

    @TempDir
    Path dir;

    @AfterEach
    void backToStderr() {
        LoggingSetup.configure(new LoggingSetup.Paths("", "", "", false));
    }

    @Test
    void aLoginLineLandsInMailLogWrittenByRsyslog() throws Exception {
        assumeTrue(Files.isExecutable(RSYSLOGD), "rsyslog is not installed (apt-get install rsyslog)");
        Path socket = dir.resolve("log");
        Path mailLog = dir.resolve("mail.log");
        Files.writeString(dir.resolve("rsyslog.conf"), """
                global(workDirectory="%1$s")
                module(load="imuxsock" SysSock.Use="off")
                input(type="imuxsock" Socket="%2$s")
                mail.*  action(type="omfile" file="%3$s" template="RSYSLOG_TraditionalFileFormat")
                """.formatted(dir, socket, mailLog));
        Process rsyslogd = new ProcessBuilder(RSYSLOGD.toString(), "-n", "-f", dir.resolve("rsyslog.conf").toString(),
                "-i", dir.resolve("rsyslogd.pid").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("rsyslogd.out").toFile()).start();
        try {
            for (int i = 0; i < 500 && !Files.exists(socket); i++) {
                Thread.sleep(10);
            }
            assertThat(socket).as(Files.readString(dir.resolve("rsyslogd.out"))).exists();
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            Files.createDirectories(dir.resolve("run"));
            Files.writeString(dir.resolve("users"), "jsmith:{PLAIN}secret::::" + dir.resolve("home") + "::\n");
            // No log_path: Dovecot's default, syslog.
            Path config = dir.resolve("dovecot.conf");
            Files.writeString(config, """
                    protocols = imap
                    listen = 127.0.0.1
                    base_dir = %1$s/run
                    ssl = no
                    disable_plaintext_auth = no
                    auth_failure_delay = 0
                    mail_location = maildir:%1$s/home/Maildir
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
                        port = 0
                      }
                    }
                    """.formatted(dir, port));
            try (LoftServer server = LoftServer.start(config, socket)) {
                login(port, "wrong");
                login(port, "secret");
                for (int i = 0; i < 1000 && !(Files.exists(mailLog) && Files.readString(mailLog).contains("Login: user=<jsmith>")
                        && Files.readString(mailLog).contains("auth failed")); i++) {
                    Thread.sleep(10);
                }
            }
            String log = Files.readString(mailLog);
            assertThat(log).as(log).containsPattern("(?m)^[A-Z][a-z]{2} [ 1-3]\\d \\d{2}:\\d{2}:\\d{2} \\S+ "
                    + "dovecot: imap-login: Login: user=<jsmith>, method=PLAIN, rip=127\\.0\\.0\\.1, lip=127\\.0\\.0\\.1, "
                    + "mpid=\\d+, session=<[^>]+>$");
            assertThat(log).doesNotContain("Info: ");
            if (Files.isExecutable(FAIL2BAN_REGEX) && Files.exists(DOVECOT_FILTER)) {
                Process p = new ProcessBuilder(FAIL2BAN_REGEX.toString(), mailLog.toString(), DOVECOT_FILTER.toString())
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(out).as(out).containsPattern(" 1 matched, ");
            }
        } finally {
            rsyslogd.destroy();
            if (!rsyslogd.waitFor(10, TimeUnit.SECONDS)) {
                rsyslogd.destroyForcibly().waitFor();
            }
        }
    }

    /** One IMAP LOGIN and LOGOUT on a raw socket. */
    private static void login(int port, String password) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            Writer out = new OutputStreamWriter(s.getOutputStream(), StandardCharsets.US_ASCII);
            assertThat(in.readLine()).startsWith("* OK");
            out.write("a LOGIN jsmith " + password + "\r\nb LOGOUT\r\n");
            out.flush();
            String line;
            while ((line = in.readLine()) != null && !line.startsWith("b ")) {
                // the LOGIN answer, BYE
            }
        }
    }
}
