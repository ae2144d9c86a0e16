package org.loftmail.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.config.ConfigException;
import org.loftmail.core.config.LoftConfig;

/** pop3_* settings read through the configuration language, with Dovecot's defaults and file:line errors. */
class Pop3SettingsTest {

    @TempDir
    Path dir;

    private Pop3Settings load(String text) throws Exception {
        Path conf = dir.resolve("loft.conf");
        Files.writeString(conf, text);
        return Pop3SettingsBinder.bind(LoftConfig.load(conf).settings("pop3"));
    }

    @Test
    void dovecotDefaults() throws Exception {
        Pop3Settings s = load("");
        assertThat(s.uidlFormat()).isEqualTo("%08Xu%08Xv");
        assertThat(s.lockSession()).isFalse();
        assertThat(s.deleteByFlag()).isFalse();
        assertThat(s.logoutFormat()).isEqualTo("top=%t/%p, retr=%r/%b, del=%d/%m, size=%s");
        assertThat(s.uidlDuplicates()).isEqualTo(Pop3Settings.UidlDuplicates.ALLOW);
        assertThat(s.maxUserIpConnections()).isEqualTo(10);
        assertThat(s).isEqualTo(Pop3Settings.defaults());
    }

    // Dovecot 2.3 also takes the unquoted form (pop3_deleted_flag = $POP3Deleted, its own example) as a literal;
    // Loft's parser reads it as a $variable, so the quoted form is used here until the parser follows Dovecot.
    @Test
    void protocolPop3BlockWins() throws Exception {
        Pop3Settings s = load("""
                pop3_uidl_format = %08Xu%08Xv
                protocol pop3 {
                  pop3_uidl_format = %v.%u
                  pop3_lock_session = yes
                  pop3_deleted_flag = "$POP3Deleted"
                  pop3_client_workarounds = outlook-no-nuls oe-ns-eoh
                  pop3_uidl_duplicates = rename
                  mail_max_userip_connections = 3
                }
                ssl = required
                """);
        assertThat(s.uidlFormat()).isEqualTo("%v.%u");
        assertThat(s.lockSession()).isTrue();
        assertThat(s.deleteByFlag()).isTrue();
        assertThat(s.workarounds()).containsExactlyInAnyOrder(
                Pop3Settings.ClientWorkaround.OUTLOOK_NO_NULS, Pop3Settings.ClientWorkaround.OE_NS_EOH);
        assertThat(s.uidlDuplicates()).isEqualTo(Pop3Settings.UidlDuplicates.RENAME);
        assertThat(s.maxUserIpConnections()).isEqualTo(3);
        assertThat(s.sslRequired()).isTrue();
    }

    @Test
    void unsupportedUidlVariablesStopStartupWithFileAndLine() throws Exception {
        assertThatThrownBy(() -> load("# c\npop3_uidl_format = %y\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("loft.conf:2")
                .hasMessageContaining("unknown variable %y");
        assertThat(load("pop3_uidl_format = %m\n").uidlFormat()).isEqualTo("%m");
        assertThat(load("pop3_uidl_format = %f\n").uidlFormat()).isEqualTo("%f");
        assertThatThrownBy(() -> load("pop3_uidl_format = %q%u\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown variable %q");
        assertThatThrownBy(() -> load("pop3_uidl_format = fixed\n"))
                .hasMessageContaining("doesn't contain any %variables");
    }

    @Test
    void flagDeletionNeedsAFlag() {
        assertThatThrownBy(() -> load("pop3_delete_type = flag\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pop3_deleted_flag not set");
        assertThatThrownBy(() -> load("pop3_client_workarounds = outlook-no-nuls bogus\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Unknown workaround: bogus");
    }
}
