package org.loftmail.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** log_path / info_log_path / debug_log_path with syslog, syslog_facility and instance_name as Dovecot 2.3 reads them. */
class LoggingSettingsTest {

    @TempDir
    Path dir;

    private LoftConfig load(String text) {
        return LoftConfig.load(ConfigFiles.main(dir, text));
    }

    @Test
    void aConfigurationWithoutLogPathLogsToSyslogAsDovecotDoes() {
        LoggingSettings log = load("protocols = imap\n").logging();
        assertThat(log.logPath()).isEqualTo("syslog");
        assertThat(log.infoLogPath()).isEqualTo("syslog");
        assertThat(log.debugLogPath()).isEqualTo("syslog");
        assertThat(log.usesSyslog()).isTrue();
        assertThat(log.syslogFacility()).isEqualTo(SyslogFacility.MAIL);
        assertThat(log.syslogIdent()).isEqualTo("dovecot");
    }

    @Test
    void filesAndSyslogMixPerLevel() {
        LoggingSettings log = load("""
                log_path = /var/log/dovecot.log
                info_log_path = syslog
                """).logging();
        assertThat(log.logPath()).isEqualTo("/var/log/dovecot.log");
        assertThat(log.infoLogPath()).isEqualTo("syslog");
        assertThat(log.debugLogPath()).isEqualTo("syslog"); // follows info_log_path
        LoggingSettings reverse = load("""
                log_path = syslog
                info_log_path = /var/log/dovecot-info.log
                debug_log_path = /dev/stderr
                """).logging();
        assertThat(reverse.logPath()).isEqualTo("syslog");
        assertThat(reverse.infoLogPath()).isEqualTo("/var/log/dovecot-info.log");
        assertThat(reverse.debugLogPath()).isEqualTo("/dev/stderr");
        assertThat(load("log_path = /dev/stderr\n").logging().usesSyslog()).isFalse();
    }

    @Test
    void everyFacilityDovecotNamesIsAccepted() {
        String[] names = {"auth", "authpriv", "cron", "daemon", "ftp", "kern", "lpr", "mail", "news", "syslog", "user",
                "uucp", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7"};
        for (String name : names) {
            SyslogFacility f = load("syslog_facility = " + name + "\n").logging().syslogFacility();
            assertThat(f.settingName()).isEqualTo(name);
        }
        assertThat(SyslogFacility.MAIL.code()).isEqualTo(2);
        assertThat(SyslogFacility.LOCAL0.code()).isEqualTo(16);
        assertThat(SyslogFacility.LOCAL7.code()).isEqualTo(23);
        assertThat(SyslogFacility.AUTHPRIV.code()).isEqualTo(10);
    }

    @Test
    void anUnknownFacilityStopsStartupWithFileAndLine() {
        // Dovecot: "Unknown syslog_facility: local8"; its names are case-sensitive ("MAIL" is refused too).
        for (String bad : new String[] {"local8", "MAIL", "bogus"}) {
            assertThatThrownBy(() -> load("protocols = imap\n\nsyslog_facility = " + bad + "\n"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("loft.conf:4: syslog_facility: ") // line 1 is the test's base_dir
                    .hasMessageContaining("unknown syslog facility '" + bad + "'")
                    .hasMessageContaining("local0");
        }
    }

    @Test
    void instanceNameIsTheSyslogTag() {
        LoftConfig c = load("instance_name = dovecot-edge\n");
        assertThat(c.logging().syslogIdent()).isEqualTo("dovecot-edge");
        assertThat(c.warnings()).noneMatch(w -> w.contains("instance_name"));
    }

    @Test
    void aFacilityInAProtocolBlockIsCheckedToo() {
        assertThatThrownBy(() -> load("protocol lda {\n  syslog_facility = nope\n}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("loft.conf:3: syslog_facility: ");
    }
}
