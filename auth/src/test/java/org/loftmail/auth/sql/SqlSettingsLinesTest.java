package org.loftmail.auth.sql;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dovecot-sql.conf.ext error names the file and the line of the value that is wrong. */
class SqlSettingsLinesTest {

    @TempDir
    Path dir;

    @Test
    void aBadDriverIsReportedAtItsLine() throws Exception {
        Path file = Files.writeString(dir.resolve("dovecot-sql.conf.ext"),
                "# SQL\nconnect = host=localhost dbname=mail\ndriver = oracle\n");
        assertThatThrownBy(() -> SqlSettings.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ":3: sql: driver must be pgsql, mysql or sqlite, not 'oracle'");
    }

    @Test
    void anUnknownSettingIsReportedAtItsLine() throws Exception {
        Path file = Files.writeString(dir.resolve("dovecot-sql.conf.ext"),
                "driver = pgsql\nconnect = host=localhost \\\n  dbname=mail\npasword_query = SELECT 1\n");
        assertThatThrownBy(() -> SqlSettings.read(file))
                .hasMessage(file + ":4: unknown setting 'pasword_query'");
    }

    @Test
    void aMissingConnectNamesTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("dovecot-sql.conf.ext"), "driver = pgsql\n");
        assertThatThrownBy(() -> SqlSettings.read(file)).hasMessage(file + ": sql: connect setting missing");
    }
}
