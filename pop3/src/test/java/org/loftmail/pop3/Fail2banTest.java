package org.loftmail.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.log.MailLog;
import org.slf4j.LoggerFactory;

/**
 * Failed POP3 logins are logged in the shape Debian's fail2ban dovecot filter bans on: the real filter
 * (/etc/fail2ban/filter.d/dovecot.conf) is run with fail2ban-regex over the lines a real session produced, behind
 * a syslog-style prefix as a site's log would carry them.
 */
class Fail2banTest {

    private static final Path FILTER = Path.of("/etc/fail2ban/filter.d/dovecot.conf");
    private static final Path REGEX = Path.of("/usr/bin/fail2ban-regex");

    @TempDir
    Path dir;

    @Test
    void failedLoginsMatchTheDovecotFilter() throws Exception {
        assumeTrue(Files.isExecutable(REGEX) && Files.exists(FILTER), "fail2ban is not installed");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(MailLog.LOGGER_ROOT);
        root.addAppender(logs);
        try (Pop3TestServer server = new Pop3TestServer(dir, Pop3Settings.defaults())) {
            try (Pop3Client c = new Pop3Client(server.connect())) { // USER refused: plaintext before TLS
                c.readLine();
                c.command("USER jsmith");
                c.command("QUIT");
            }
            try (Pop3Client c = new Pop3Client(server.connect())) { // a wrong CRAM-MD5 answer
                c.readLine();
                c.command("AUTH CRAM-MD5");
                c.command("am9obiBkZWFkYmVlZg=="); // "john deadbeef"
                c.command("QUIT");
            }
            for (int i = 0; i < 100 && failureLines(logs).size() < 2; i++) {
                Thread.sleep(20);
            }
        } finally {
            root.detachAppender(logs);
        }
        List<String> lines = failureLines(logs);
        assertThat(lines).hasSize(2);
        Path log = dir.resolve("mail.log");
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            // MailLog writes "pop3-login: Info: …"; a syslog line carries it behind host and daemon name.
            text.append("2026-11-23T05:45:01.123456+00:00 mailhost dovecot: ").append(line).append('\n');
        }
        Files.writeString(log, text);
        Process p = new ProcessBuilder(REGEX.toString(), log.toString(), FILTER.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).as(out).contains("Lines: 2 lines, 0 ignored, 2 matched, 0 missed");
    }

    private static List<String> failureLines(ListAppender<ILoggingEvent> logs) {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("pop3-login: ") && (m.contains("auth failed") || m.contains("disallowed")))
                .toList();
    }
}
