package org.loftmail.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.loftmail.auth.sql.SqlSettings;
import org.loftmail.core.config.ConfigException;
import org.loftmail.core.config.LoftConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Dovecot-style configuration, bound and then used: the path the server takes. */
class AuthSettingsBinderTest {
    @TempDir
    Path dir;

    @Test
    void passdbAndUserdbBlocksWork() throws Exception {
        Path users = dir.resolve("users");
        Files.write(users, List.of("jsmith@example.com:{PLAIN}secret", "admin@other.org:{PLAIN}secret"));
        Path conf = dir.resolve("loft.conf");
        Files.writeString(conf, String.join("\n",
                "auth_mechanisms = plain login cram-md5",
                "auth_verbose = yes",
                "auth_cache_size = 1M",
                "auth_failure_delay = 0",
                "login_trusted_networks = 10.0.0.0/8",
                "passdb {",
                "  driver = passwd-file",
                "  args = scheme=PLAIN " + users,
                "  username_filter = *@example.com",
                "}",
                "passdb {",
                "  driver = static",
                "  args = password=fallback",
                "  mechanisms = login",
                "}",
                "userdb {",
                "  driver = static",
                "  args = uid=5000 gid=5000 home=/var/vmail/%d/%n allow_all_users=yes",
                "}",
                ""));
        AuthSettings s = AuthSettingsBinder.bind(LoftConfig.load(conf).settings());
        assertThat(s.mechanisms()).containsExactly("PLAIN", "LOGIN", "CRAM-MD5");
        assertThat(s.cacheSizeBytes()).isEqualTo(1 << 20);
        assertThat(s.failureDelay()).isEqualTo(Duration.ZERO);
        assertThat(s.passdbs()).hasSize(2);
        assertThat(s.passdbs().get(0).usernameFilter()).isEqualTo("*@example.com");
        assertThat(s.passdbs().get(1).mechanisms()).containsExactly("LOGIN");
        try (AuthService auth = AuthService.create(s, d -> { })) {
            ClientInfo c = ClientInfo.local("imap");
            assertThat(auth.authenticatePlain(c, "jsmith@example.com", "secret")).isInstanceOf(AuthResult.Success.class);
            // username_filter keeps other domains out of the passwd-file passdb...
            assertThat(auth.authenticatePlain(c, "PLAIN", "admin@other.org", null, "secret")).isInstanceOf(AuthResult.Failure.class);
            // ...and the static passdb only answers the LOGIN mechanism.
            assertThat(auth.authenticatePlain(c, "LOGIN", "anyone@other.org", null, "fallback")).isInstanceOf(AuthResult.Success.class);
            assertThat(auth.authenticatePlain(c, "PLAIN", "anyone@other.org", null, "fallback")).isInstanceOf(AuthResult.Failure.class);
            UserInfo info = ((UserLookup.Found) auth.lookupUser(ClientInfo.local("lmtp"), "jsmith@example.com")).info();
            assertThat(info.home()).isEqualTo("/var/vmail/example.com/jsmith");
            assertThat(auth.advertisedMechanisms(c)).containsExactly("PLAIN", "LOGIN", "CRAM-MD5");
        }
    }

    @Test
    void badValuesAreConfigErrorsWithALocation() throws Exception {
        Path conf = dir.resolve("loft.conf");
        Files.writeString(conf, String.join("\n",
                "passdb {",
                "  driver = passwd-file",
                "  args = /nonexistent",
                "  result_failure = bogus",
                "}",
                "userdb {",
                "  driver = prefetch",
                "}",
                ""));
        assertThatThrownBy(() -> AuthSettingsBinder.bind(LoftConfig.load(conf).settings()))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void unknownDriversAndVariablesStopStartup() {
        AuthSettings bad = AuthSettings.defaults(List.of(PassDbSettings.of("ldap", "")), List.of(UserDbSettings.of("prefetch", "")));
        assertThatThrownBy(() -> AuthService.create(bad)).hasMessageContaining("Unknown passdb driver 'ldap'");
        AuthSettings badVar = AuthSettings.defaults(List.of(PassDbSettings.of("static", "password=x")),
                List.of(UserDbSettings.of("static", "home=/var/%Q allow_all_users=yes")));
        assertThatThrownBy(() -> AuthService.create(badVar)).hasMessageContaining("userdb static args home");
    }

    @Test
    void theShippedDovecotSqlConfParses() throws Exception {
        Path shipped = Path.of("..", "conf.d", "dovecot-sql.conf.ext");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(shipped), "conf.d not found from " + Path.of("").toAbsolutePath());
        SqlSettings s = SqlSettings.read(shipped);
        assertThat(s.driver()).isEqualTo("pgsql");
        assertThat(s.passwordQuery()).isEqualTo(
                "SELECT username AS user, password FROM mailbox WHERE username = '%u' AND active = '1'");
        assertThat(s.userQuery()).startsWith("SELECT '/var/vmail/' || maildir AS home").endsWith("AND active = '1'");
    }
}
