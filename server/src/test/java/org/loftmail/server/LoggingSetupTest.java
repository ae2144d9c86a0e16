package org.loftmail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.log.MailLog;

class LoggingSetupTest {

    @AfterEach
    void backToStderr() {
        LoggingSetup.configure(new LoggingSetup.Paths("", "", "", false));
    }

    @Test
    void linesGoWhereDovecotsThreePathSettingsSendThem(@TempDir Path dir) throws Exception {
        Path errors = dir.resolve("dovecot.log");
        Path info = dir.resolve("dovecot_info.log");
        Path debug = dir.resolve("dovecot_debug.log");
        LoggingSetup.configure(new LoggingSetup.Paths(errors.toString(), info.toString(), debug.toString(), true));
        MailLog log = MailLog.of("imap", "jsmith");
        log.info("Disconnected: Logged out in=12 out=345");
        log.error("Mailbox INBOX: fsync failed");
        log.debug("Loading modules");
        MailLog.of("imap-login").info("Login: user=<jsmith>, method=PLAIN, rip=127.0.0.1, lip=127.0.0.1");

        assertThat(Files.readString(info))
                .containsPattern("(?m)^\\w{3} \\d{2} \\d{2}:\\d{2}:\\d{2} imap\\(jsmith\\): Info: Disconnected: Logged out in=12 out=345$")
                .contains("imap-login: Info: Login: user=<jsmith>, method=PLAIN")
                .doesNotContain("fsync", "Loading");
        assertThat(Files.readString(errors)).contains("imap(jsmith): Error: Mailbox INBOX: fsync failed")
                .doesNotContain("Disconnected");
        assertThat(Files.readString(debug)).contains("imap(jsmith): Debug: Loading modules");
    }

    @Test
    void serviceNamedLoggersGetTheLevelAfterTheirPrefix(@TempDir Path dir) throws Exception {
        Path all = dir.resolve("all.log");
        LoggingSetup.configure(new LoggingSetup.Paths(all.toString(), "", "", false));
        org.slf4j.LoggerFactory.getLogger("imap-login").info("imap-login: Login: user=<{}>, method=PLAIN", "ann");
        org.slf4j.LoggerFactory.getLogger("imap").info("imap(ann): Disconnected: Logged out in=1 out=2");
        org.slf4j.LoggerFactory.getLogger("auth").warn("passwd-file(ann,127.0.0.1): unknown user");
        org.slf4j.LoggerFactory.getLogger("org.loftmail.transport.X").warn("listener trouble");
        assertThat(Files.readString(all))
                .contains(" imap-login: Info: Login: user=<ann>, method=PLAIN")
                .contains(" imap(ann): Info: Disconnected: Logged out in=1 out=2")
                .contains(" auth: Warning: passwd-file(ann,127.0.0.1): unknown user")
                .contains(" loft: Warning: listener trouble");
    }

    @Test
    void logTimestampIsDovecotsStrftimeFormat(@TempDir Path dir) throws Exception {
        Path all = dir.resolve("all.log");
        LoggingSetup.configure(new LoggingSetup.Paths(all.toString(), "", "", false, "%Y-%m-%d %H:%M:%S "));
        MailLog.of("lmtp", "ann").info("saved");
        assertThat(Files.readString(all)).containsPattern("(?m)^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} lmtp\\(ann\\): Info: saved$");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MailLogLayout.timestampFormat("%Q"))
                .hasMessageContaining("%Q");
    }

    @Test
    void withoutDebugSettingsDebugLinesAreDropped(@TempDir Path dir) throws Exception {
        Path all = dir.resolve("all.log");
        LoggingSetup.configure(new LoggingSetup.Paths(all.toString(), "", "", false));
        MailLog.of("pop3", "ann").debug("hidden");
        MailLog.of("pop3", "ann").info("shown");
        assertThat(Files.readString(all)).contains("pop3(ann): Info: shown").doesNotContain("hidden");
    }
}
