package org.loftmail.auth;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.config.ConfigException;
import org.loftmail.core.config.LoftConfig;
import org.loftmail.testkit.SettingErrorTable;

/** Each bad auth, passdb or userdb setting is reported at its own line (docs/adr/0103). */
class AuthSettingsLinesTest {

    @TempDir
    Path dir;

    private static final String GOOD = """
            auth_mechanisms = plain login
            auth_username_translation = ab
            auth_master_user_separator = *
            auth_verbose_passwords = no
            auth_cache_size = 1M
            auth_cache_ttl = 1 hour
            auth_failure_delay = 2 secs
            login_trusted_networks = 10.0.0.0/8
            passdb {
              driver = static
              args = password=x
              skip = never
              result_success = return-ok
              master = yes
              deny = no
            }
            passdb {
              driver = passwd-file
              args = /etc/loft/users
              result_failure = continue
            }
            userdb {
              driver = static
              args = uid=1 gid=1 home=/home/%u
              skip = found
              result_internalfail = continue
            }
            """;

    @TestFactory
    Stream<DynamicTest> eachBadValueIsReportedAtItsOwnLine() {
        return SettingErrorTable.of(dir, GOOD, c -> AuthSettingsBinder.bind(c.settings()))
                .row("auth_username_translation = ab", "auth_username_translation = abc",
                        "auth_username_translation must list pairs of characters")
                .row("auth_master_user_separator = *", "auth_master_user_separator = **",
                        "auth_master_user_separator must be a single character")
                .row("auth_verbose_passwords = no", "auth_verbose_passwords = maybe",
                        "Invalid value 'maybe'")
                .row("auth_cache_size = 1M", "auth_cache_size = big", "big")
                .row("auth_cache_ttl = 1 hour", "auth_cache_ttl = soon", "soon")
                .row("auth_failure_delay = 2 secs", "auth_failure_delay = later", "later")
                .row("login_trusted_networks = 10.0.0.0/8", "login_trusted_networks = 10.0.0.0/99",
                        "login_trusted_networks: ")
                .row("skip = never", "skip = sometimes",
                        "skip: Invalid value 'sometimes'")
                .row("result_success = return-ok", "result_success = celebrate", "Invalid value 'celebrate'")
                .row("deny = no", "deny = yes", "passdb can't be both deny and master")
                .row("result_failure = continue", "result_failure = shrug", "Invalid value 'shrug'")
                .row("skip = found", "skip = always", "skip: Invalid value 'always'")
                .row("result_internalfail = continue", "result_internalfail = panic", "Invalid value 'panic'")
                .tests();
    }

    /** A passdb that names no driver: its block, not a built-in default. */
    @Test
    void aMissingDriverIsReportedAtItsBlock() throws Exception {
        Path conf = Files.writeString(dir.resolve("loft.conf"), "auth_mechanisms = plain\n\npassdb {\n  args = x\n}\n");
        assertThatThrownBy(() -> AuthSettingsBinder.bind(LoftConfig.load(conf).settings()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(conf + ":3: passdb driver missing");
    }

    /** Only master and deny passdbs: the first passdb block, where Dovecot's admin would look. */
    @Test
    void noRegularPassdbIsReportedAtTheFirstPassdb() throws Exception {
        Path conf = Files.writeString(dir.resolve("loft.conf"),
                "auth_mechanisms = plain\npassdb {\n  driver = static\n  master = yes\n}\n");
        assertThatThrownBy(() -> AuthSettingsBinder.bind(LoftConfig.load(conf).settings()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(conf + ":2: no regular passdb configured (only master/deny passdbs)");
    }
}
