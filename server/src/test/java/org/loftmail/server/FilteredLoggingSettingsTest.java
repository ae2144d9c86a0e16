package org.loftmail.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.config.ConfigException;

/**
 * The server logs every protocol through the top-level logging settings, so a log_path inside a filter would be
 * ignored: it is refused with file:line instead. {@code protocol lda { }} may set its own (the lda reads it).
 */
class FilteredLoggingSettingsTest {

    private static Path write(Path dir, String text) throws Exception {
        Path config = dir.resolve("loft.conf");
        Files.writeString(config, "protocols = none\nbase_dir = " + dir + "\nssl = no\nlog_path = /dev/stderr\n" + text);
        return config;
    }

    @Test
    void aLogPathInsideAProtocolBlockIsRefusedWithItsLine(@TempDir Path dir) throws Exception {
        Path config = write(dir, "protocol imap {\n  info_log_path = " + dir + "/imap.log\n}\n");
        assertThatThrownBy(() -> LoftServer.start(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("loft.conf:6")
                .hasMessageContaining("info_log_path inside protocol imap { } is not supported");
    }

    @Test
    void aFacilityInsideANestedFilterIsRefused(@TempDir Path dir) throws Exception {
        Path config = write(dir, "remote 192.0.2.0/24 {\n  protocol pop3 {\n    syslog_facility = local1\n  }\n}\n");
        assertThatThrownBy(() -> LoftServer.start(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("loft.conf:7")
                .hasMessageContaining("syslog_facility inside protocol pop3");
    }

    @Test
    void theLdaMaySetItsOwnLogPath(@TempDir Path dir) throws Exception {
        Path config = write(dir, "protocol lda {\n  log_path = " + dir + "/lda-errors.log\n}\n"
                + "passdb {\n  driver = static\n  args = password=x\n}\nuserdb {\n  driver = static\n"
                + "  args = uid=0 gid=0 home=" + dir + "/%u\n}\n");
        try (LoftServer server = LoftServer.start(config)) {
            // started: the lda's own log_path is not the server's concern
        }
    }
}
