package org.loftmail.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A service or listener value Loft refuses is reported at the line that set it: the listener's own key, or the
 * top-level setting it inherited (docs/adr/0103). Each case is a whole configuration; {@code ;} stands for a
 * line break, and the expected line is the one the bad value is on.
 */
class ServiceSettingsLinesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2 | base_dir = /run/loft;listen = *, bad!address       | inet_listener imap: invalid address 'bad!address'",
        "4 | base_dir = /run/loft;service imap-login {;  inet_listener imap {;    address = ::1 bad!address;  };}"
                + " | inet_listener imap: invalid address 'bad!address'",
        "3 | base_dir = /run/loft;service imap-login {;  process_limit = 0;}"
                + " | service imap-login: process_limit must be at least 1",
        "2 | base_dir = /run/loft;default_client_limit = 0 | client_limit must be at least 1",
        "4 | base_dir = /run/loft;service auth {;  unix_listener auth-userdb {;    mode = 01666;  };}"
                + " | unix_listener auth-userdb: invalid mode 1666",
        "1 | base_dir = run/loft | the socket path must be absolute",
    })
    void eachBadValueIsReportedAtItsOwnLine(int line, String lines, String message) throws Exception {
        Path conf = Files.writeString(dir.resolve("loft.conf"), lines.replace(";", "\n") + "\n");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> LoftConfig.load(conf));
        assertThat(e).as(lines).isNotNull();
        assertThat(e.getMessage()).startsWith(conf + ":" + line + ": ").contains(message);
    }
}
