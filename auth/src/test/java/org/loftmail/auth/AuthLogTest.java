package org.loftmail.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Failure log lines in Dovecot's shapes (what fail2ban's dovecot filter matches), and no passwords in logs. */
class AuthLogTest {
    @TempDir
    Path dir;
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    Logger logger = (Logger) LoggerFactory.getLogger("auth");
    Level oldLevel;

    /** fail2ban's dovecot.conf failregex for passdb failures, with <HOST> as an address group. */
    static final Pattern FAIL2BAN = Pattern.compile(
            "(?:passwd-file|pam|sql|shadow|static)\\(\\S*,(?<host>[0-9a-fA-F.:]+)(?:,\\S*)?\\): "
                    + "(?:unknown user|invalid credentials|Password mismatch|pam_authenticate\\(\\) failed.*)");

    @BeforeEach
    void attach() {
        oldLevel = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
        logger.setLevel(oldLevel);
    }

    List<String> lines(Level atLeast) {
        return appender.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(atLeast))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    AuthService service(AuthSettings s) {
        return AuthService.create(s, d -> { });
    }

    AuthSettings settings() throws Exception {
        Path users = dir.resolve("users");
        Files.write(users, List.of("jsmith:{PLAIN}Sup3rSecret"));
        return AuthSettings.defaults(List.of(PassDbSettings.of("passwd-file", users.toString())),
                List.of(UserDbSettings.of("passwd-file", users.toString()))).withFailureDelay(Duration.ZERO);
    }

    static ClientInfo from(String ip) throws Exception {
        return ClientInfo.network("imap", InetAddress.getByName("192.0.2.1"), 143, InetAddress.getByName(ip), 40000)
                .withSecured(true).withSession("AbCd1234");
    }

    @Test
    void verboseFailuresAreLoggedInDovecotsShape() throws Exception {
        try (AuthService auth = service(settings().withLogging(true, false, false))) {
            auth.authenticatePlain(from("203.0.113.5"), "jsmith", "guess-one");
            auth.authenticatePlain(from("203.0.113.6"), "nobody", "guess-two");
        }
        List<String> info = lines(Level.INFO);
        assertThat(info).contains("passwd-file(jsmith,203.0.113.5,<AbCd1234>): Password mismatch",
                "passwd-file(nobody,203.0.113.6,<AbCd1234>): unknown user");
        assertThat(info.stream().map(FAIL2BAN::matcher).filter(java.util.regex.Matcher::find).map(m -> m.group("host")))
                .containsExactly("203.0.113.5", "203.0.113.6");
    }

    @Test
    void withoutAuthVerboseFailuresAreDebugOnly() throws Exception {
        try (AuthService auth = service(settings())) {
            auth.authenticatePlain(from("203.0.113.5"), "jsmith", "guess-one");
        }
        assertThat(lines(Level.INFO)).noneMatch(l -> l.contains("Password mismatch"));
        assertThat(lines(Level.DEBUG)).anyMatch(l -> l.contains("Password mismatch"));
    }

    @Test
    void authDebugLogsTheSuccessfulStepsAtInfo() throws Exception {
        try (AuthService auth = service(settings().withLogging(false, true, false))) {
            auth.authenticatePlain(from("203.0.113.5"), "jsmith", "Sup3rSecret");
        }
        assertThat(lines(Level.INFO)).contains("passwd-file(jsmith,203.0.113.5,<AbCd1234>): passdb lookup succeeded");
    }

    @Test
    void passwordsNeverReachTheLogUnlessAsked() throws Exception {
        try (AuthService auth = service(settings().withLogging(true, true, false))) {
            auth.authenticatePlain(from("203.0.113.5"), "jsmith", "guess-one");
            auth.authenticatePlain(from("203.0.113.5"), "jsmith", "Sup3rSecret");
            auth.lookupPassdb(ClientInfo.local("doveadm"), "jsmith");
        }
        assertThat(String.join("\n", lines(Level.TRACE))).doesNotContain("guess-one", "Sup3rSecret");
        appender.list.clear();
        try (AuthService auth = service(settings().withLogging(true, true, true))) {
            auth.authenticatePlain(from("203.0.113.5"), "jsmith", "guess-one");
        }
        assertThat(String.join("\n", lines(Level.DEBUG))).contains("guess-one");
        appender.list.clear();
        try (AuthService auth = service(settings().withLogging(true, false, false).withVerbosePasswords("sha1:8"))) {
            auth.authenticatePlain(from("203.0.113.5"), "jsmith", "guess-one");
        }
        assertThat(String.join("\n", lines(Level.INFO))).doesNotContain("guess-one").containsPattern("given password: [0-9a-f]{8}\\)");
    }
}
