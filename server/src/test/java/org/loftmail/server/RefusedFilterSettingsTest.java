package org.loftmail.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.config.ConfigException;

/**
 * Settings the server would not apply are refused with file:line, never ignored: anything per connection address
 * or per SNI name beyond TLS, and logging inside filters (except {@code protocol lda}, which the lda reads).
 */
class RefusedFilterSettingsTest {

    private static Path write(Path dir, String text) throws Exception {
        Path config = dir.resolve("loft.conf");
        Files.writeString(config, "protocols = none\nbase_dir = " + dir + "\nssl = no\nlog_path = /dev/stderr\n"
                + "passdb {\n  driver = static\n  args = password=x\n}\nuserdb {\n  driver = static\n"
                + "  args = uid=0 gid=0 home=" + dir + "/%u\n}\n" + text);
        return config;
    }

    @Test
    void aSettingInsideARemoteBlockIsRefused(@TempDir Path dir) throws Exception {
        Path config = write(dir, "remote 192.168.0.0/16 {\n  disable_plaintext_auth = no\n}\n");
        assertThatThrownBy(() -> LoftServer.start(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("loft.conf:14")
                .hasMessageContaining("disable_plaintext_auth inside remote 192.168.0.0/16 { } is not supported yet")
                .hasMessageContaining("connection address");
    }

    @Test
    void sslInsideARemoteBlockIsRefusedToo(@TempDir Path dir) throws Exception {
        Path config = write(dir, "remote 10.0.0.0/8 {\n  ssl = required\n}\n");
        assertThatThrownBy(() -> LoftServer.start(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("loft.conf:14")
                .hasMessageContaining("ssl inside remote 10.0.0.0/8 { } is not supported yet");
    }

    @Test
    void aProtocolBlockInsideALocalBlockIsCovered(@TempDir Path dir) throws Exception {
        Path config = write(dir, "local 127.0.0.1 {\n  protocol imap {\n    login_greeting = hi\n  }\n}\n");
        assertThatThrownBy(() -> LoftServer.start(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("loft.conf:15")
                .hasMessageContaining("login_greeting inside local 127.0.0.1");
    }

    @Test
    void onlyTlsSettingsMayDifferPerSniName(@TempDir Path dir) throws Exception {
        Path config = write(dir, "local_name mail.example.com {\n  login_greeting = hi\n}\n");
        assertThatThrownBy(() -> LoftServer.start(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("loft.conf:14")
                .hasMessageContaining("only TLS settings may differ per local_name");
    }

    @Test
    void emptyFilterBlocksAndProtocolBlocksAreFine(@TempDir Path dir) throws Exception {
        Path config = write(dir, "remote 10.0.0.0/8 {\n}\nprotocol imap {\n  login_greeting = hi\n}\n");
        try (LoftServer server = LoftServer.start(config)) {
            // started
        }
    }

    @Test
    void aLogPathInsideAProtocolBlockIsRefusedWithItsLine(@TempDir Path dir) throws Exception {
        Path config = write(dir, "protocol imap {\n  info_log_path = " + dir + "/imap.log\n}\n");
        assertThatThrownBy(() -> LoftServer.start(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("loft.conf:14")
                .hasMessageContaining("info_log_path inside protocol imap { } is not supported");
    }

    @Test
    void aFacilityInsideANestedFilterIsRefused(@TempDir Path dir) throws Exception {
        Path config = write(dir, "remote 192.0.2.0/24 {\n  protocol pop3 {\n    syslog_facility = local1\n  }\n}\n");
        assertThatThrownBy(() -> LoftServer.start(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("loft.conf:15")
                .hasMessageContaining("syslog_facility inside protocol pop3");
    }

    @Test
    void theLdaMaySetItsOwnLogPath(@TempDir Path dir) throws Exception {
        Path config = write(dir, "protocol lda {\n  log_path = " + dir + "/lda-errors.log\n}\n");
        try (LoftServer server = LoftServer.start(config)) {
            // started: the lda's own log_path is not the server's concern
        }
    }
}
