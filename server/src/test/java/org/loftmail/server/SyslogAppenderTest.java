package org.loftmail.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.config.SyslogFacility;
import org.loftmail.core.log.MailLog;
import org.slf4j.LoggerFactory;

/**
 * The datagrams Loft sends to syslog, read by a socket the test binds: the shape Dovecot 2.3.19 sends (checked
 * against a real Dovecot whose /dev/log was such a socket: {@code <22>Nov 23 07:38:36 dovecot: imap-login: Login:
 * user=<jsmith>, …}, {@code <19>… dovecot: imap(jsmith)<…>: Error: …}, no [pid], no "Info: ").
 */
class SyslogAppenderTest {

    private static final String TIME = "[A-Z][a-z]{2} [ 1-3]\\d \\d{2}:\\d{2}:\\d{2}";

    @TempDir
    Path dir;

    @AfterEach
    void backToStderr() {
        LoggingSetup.configure(new LoggingSetup.Paths("", "", "", false));
    }

    private LoggingSetup.Paths syslogOnly(boolean debug, SyslogFacility facility, String ident) {
        return new LoggingSetup.Paths("syslog", "", "", debug, "%b %d %H:%M:%S ", facility, ident, dir.resolve("log"));
    }

    @Test
    void linesCarryPriorityTagAndTextAsDovecotSendsThem() throws Exception {
        try (DatagramReceiver daemon = new DatagramReceiver(dir.resolve("log"))) {
            LoggingSetup.configure(syslogOnly(true, SyslogFacility.MAIL, "dovecot"));
            MailLog.of("imap-login").info("Login: user=<jsmith>, method=PLAIN, rip=127.0.0.1, lip=127.0.0.1, mpid=7, secured, session=<abc>");
            MailLog.of("imap", "jsmith").error("Mailbox INBOX: fsync failed");
            MailLog.of("imap", "jsmith").warn("slow");
            MailLog.of("auth").debug("passwd-file(jsmith): lookup");
            LoggerFactory.getLogger("org.loftmail.transport.X").info("listening");
            List<String> got = daemon.await(5);
            assertThat(got).hasSize(5);
            assertThat(got.get(0)).matches("<22>" + TIME + " dovecot: imap-login: Login: user=<jsmith>, method=PLAIN, "
                    + "rip=127\\.0\\.0\\.1, lip=127\\.0\\.0\\.1, mpid=7, secured, session=<abc>");
            assertThat(got.get(1)).matches("<19>" + TIME + " dovecot: imap\\(jsmith\\): Error: Mailbox INBOX: fsync failed");
            assertThat(got.get(2)).matches("<20>" + TIME + " dovecot: imap\\(jsmith\\): Warning: slow");
            assertThat(got.get(3)).matches("<23>" + TIME + " dovecot: auth: Debug: passwd-file\\(jsmith\\): lookup");
            assertThat(got.get(4)).matches("<22>" + TIME + " dovecot: loft: listening");
        }
    }

    @Test
    void facilityAndInstanceNameAreHonoured() throws Exception {
        try (DatagramReceiver daemon = new DatagramReceiver(dir.resolve("log"))) {
            LoggingSetup.configure(syslogOnly(false, SyslogFacility.LOCAL3, "dovecot-edge"));
            MailLog.of("pop3-login").info("Login: user=<ann>");
            MailLog.of("pop3-login").debug("not wanted: debug is off");
            // local3 = 19: 19 * 8 + info (6) = 158, as Dovecot sent with syslog_facility = local3
            assertThat(daemon.await(1)).singleElement().asString()
                    .matches("<158>" + TIME + " dovecot-edge: pop3-login: Login: user=<ann>");
        }
    }

    @Test
    void theTimestampIsGlibcsLocalFormWithASpacePaddedDay() {
        byte[] d = SyslogDatagram.encode(22, Instant.parse("2026-11-03T04:11:47Z"), ZoneOffset.UTC, "dovecot",
                "imap-login: Login: user=<a>");
        assertThat(new String(d, StandardCharsets.UTF_8)).isEqualTo("<22>Nov  3 04:11:47 dovecot: imap-login: Login: user=<a>");
    }

    @Test
    void nothingAClientSendsCanBreakALineOrForgeAnother() throws Exception {
        try (DatagramReceiver daemon = new DatagramReceiver(dir.resolve("log"))) {
            LoggingSetup.configure(syslogOnly(false, SyslogFacility.MAIL, "dovecot"));
            // MailLog sanitises the user in the prefix; a careless caller's text is cleaned on the way out too.
            MailLog.of("imap", "evil\r\ndovecot: imap-login: Login: user=<admin>").info("Disconnected");
            MailLog.of("imap-login").info("Aborted login: user=<x\ndovecot: imap-login: Login: user=<root>>");
            List<String> got = daemon.await(2);
            assertThat(got).hasSize(2).allSatisfy(d -> assertThat(d).doesNotContain("\r", "\n"));
            assertThat(got.get(0)).endsWith("dovecot: imap(evil??dovecot: imap-login: Login: user=<admin>): Disconnected");
            assertThat(got.get(1)).endsWith("dovecot: imap-login: Aborted login: user=<x?dovecot: imap-login: Login: user=<root>>");
        }
    }

    @Test
    void anExceptionAddsOneBacktraceLine() throws Exception {
        try (DatagramReceiver daemon = new DatagramReceiver(dir.resolve("log"))) {
            LoggingSetup.configure(syslogOnly(false, SyslogFacility.MAIL, "dovecot"));
            MailLog.of("lmtp", "ann").error("delivery failed", new IllegalStateException("disk\nfull",
                    new java.io.IOException("ENOSPC")));
            List<String> got = daemon.await(2);
            assertThat(got).hasSize(2);
            assertThat(got.get(0)).matches("<19>" + TIME + " dovecot: lmtp\\(ann\\): Error: delivery failed");
            assertThat(got.get(1)).startsWith("<19>")
                    .contains("dovecot: lmtp(ann): Error: Raw backtrace: java.lang.IllegalStateException: disk?full -> ")
                    .contains(" more -> Caused by: java.io.IOException: ENOSPC")
                    .doesNotContain("\n");
        }
    }

    @Test
    void aReloadCarriesOnThroughANewSocket() throws Exception {
        try (DatagramReceiver daemon = new DatagramReceiver(dir.resolve("log"))) {
            LoggingSetup.configure(syslogOnly(false, SyslogFacility.MAIL, "dovecot"));
            MailLog.of("master").info("before reload");
            LoggingSetup.configure(syslogOnly(false, SyslogFacility.LOCAL0, "dovecot")); // as SIGHUP does
            MailLog.of("master").info("after reload");
            List<String> got = daemon.await(2);
            assertThat(got).hasSize(2);
            assertThat(got.get(0)).startsWith("<22>").endsWith(" dovecot: master: before reload");
            assertThat(got.get(1)).startsWith("<134>").endsWith(" dovecot: master: after reload");
        }
    }

    @Test
    void levelsMixFilesAndSyslogAsDovecotAllows() throws Exception {
        Path errors = dir.resolve("errors.log");
        try (DatagramReceiver daemon = new DatagramReceiver(dir.resolve("log"))) {
            // log_path = file, info_log_path = syslog, debug_log_path unset (follows info_log_path)
            LoggingSetup.configure(new LoggingSetup.Paths(errors.toString(), "syslog", "syslog", true,
                    "%b %d %H:%M:%S ", SyslogFacility.MAIL, "dovecot", dir.resolve("log")));
            MailLog.of("imap", "ann").error("broken");
            MailLog.of("imap", "ann").info("Disconnected: Logged out in=1 out=2");
            MailLog.of("imap", "ann").debug("details");
            List<String> got = daemon.await(2);
            assertThat(got).hasSize(2);
            assertThat(got.get(0)).matches("<22>" + TIME + " dovecot: imap\\(ann\\): Disconnected: Logged out in=1 out=2");
            assertThat(got.get(1)).matches("<23>" + TIME + " dovecot: imap\\(ann\\): Debug: details");
            assertThat(Files.readString(errors)).contains("imap(ann): Error: broken").doesNotContain("Disconnected");
        }
    }

    /** The appender alone, with its stand-in for standard error captured. */
    private record Rig(SyslogAppender appender, ListAppender<ILoggingEvent> fallback, ByteArrayOutputStream notices,
            Logger logger) implements AutoCloseable {
        static Rig start(Path socket) {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            ListAppender<ILoggingEvent> fallback = new ListAppender<>();
            fallback.setContext(context);
            ByteArrayOutputStream notices = new ByteArrayOutputStream();
            SyslogAppender appender = new SyslogAppender(new SyslogSocket(socket), SyslogFacility.MAIL, "dovecot",
                    fallback, new PrintStream(notices, true, StandardCharsets.UTF_8));
            appender.setContext(context);
            appender.start();
            Logger logger = context.getLogger("imap-login-rig");
            logger.setAdditive(false);
            logger.addAppender(appender);
            return new Rig(appender, fallback, notices, logger);
        }

        @Override
        public void close() {
            logger.detachAppender(appender);
            appender.stop();
        }
    }

    @Test
    void aDaemonThatDoesNotReadCostsDroppedLinesNotBlockedThreads() throws Exception {
        try (DatagramReceiver daemon = new DatagramReceiver(dir.resolve("log")); Rig rig = Rig.start(dir.resolve("log"))) {
            // Nobody reads: the socket's queue fills; every further line is dropped at once and counted.
            for (int i = 0; i < 5_000 && rig.appender().dropped() == 0; i++) {
                rig.logger().info("line " + i);
            }
            long dropped = rig.appender().dropped();
            assertThat(dropped).isPositive();
            for (int i = 0; i < 10; i++) {
                rig.logger().info("still dropped " + i);
            }
            assertThat(rig.appender().dropped()).isEqualTo(dropped + 10);
            assertThat(rig.fallback().list).isEmpty();
            // The daemon catches up: the next line that gets through is preceded by the count.
            daemon.drain();
            rig.logger().info("after");
            List<String> got = daemon.await(2);
            assertThat(got).hasSize(2);
            assertThat(got.get(0)).matches("<20>" + TIME + " dovecot: loft: Warning: " + (dropped + 10)
                    + " log line\\(s\\) dropped: the syslog daemon did not keep up");
            assertThat(got.get(1)).endsWith(" dovecot: imap-login-rig: after");
        }
    }

    @Test
    void aRestartedDaemonIsReconnected() throws Exception {
        Path socket = dir.resolve("log");
        try (Rig rig = Rig.start(socket)) {
            try (DatagramReceiver first = new DatagramReceiver(socket)) {
                rig.logger().info("to the first");
                assertThat(first.await(1)).singleElement().asString().endsWith("to the first");
            }
            try (DatagramReceiver second = new DatagramReceiver(socket)) {
                rig.logger().info("to the second");
                assertThat(second.await(1)).singleElement().asString().endsWith("to the second");
            }
            assertThat(rig.fallback().list).isEmpty();
            assertThat(rig.appender().dropped()).isZero();
        }
    }

    @Test
    void withoutASyslogSocketLinesGoToStandardErrorAfterOneNotice() throws Exception {
        Path socket = dir.resolve("log");
        try (Rig rig = Rig.start(socket)) {
            rig.logger().info("first");
            rig.logger().info("second");
            assertThat(rig.fallback().list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("first", "second");
            String notices = rig.notices().toString(StandardCharsets.UTF_8);
            assertThat(notices).containsOnlyOnce("loft: Warning: syslog socket " + socket + " cannot be reached (")
                    .contains("No such file or directory");
        }
    }

    @Test
    void aServerWithoutDevLogStillStartsAndLogs() throws Exception {
        // The default route when a configuration leaves log_path unset; CI has no syslog daemon.
        Path missing = dir.resolve("no-such-dir/log");
        LoggingSetup.configure(new LoggingSetup.Paths("syslog", "", "", false).withSyslogSocket(missing));
        MailLog.of("master").info("Dovecot-compatible start");
        assertThat(Files.exists(missing)).isFalse();
    }
}
