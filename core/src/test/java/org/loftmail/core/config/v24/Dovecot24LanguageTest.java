package org.loftmail.core.config.v24;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loftmail.core.config.ConfigException;
import org.loftmail.core.config.ConfigLanguage;
import org.loftmail.core.config.LoftConfig;

/** How the language is chosen, what mixing them gives, and what a 2.4 file is refused for — each at file:line. */
class Dovecot24LanguageTest {

    private static final String V24 = "dovecot_config_version = 2.4.0\ndovecot_storage_version = 2.4.0\n";

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("dovecot.conf"), text);
    }

    @Test
    void theFirstSettingDecidesTheLanguage() throws IOException {
        assertThat(ConfigLanguage.of(write("# comment\n\n  dovecot_config_version = 2.4.1\n")))
                .isEqualTo(ConfigLanguage.DOVECOT_2_4);
        assertThat(ConfigLanguage.of(write("protocols = imap\ndovecot_config_version = 2.4.1\n")))
                .isEqualTo(ConfigLanguage.DOVECOT_2_3);
        assertThat(ConfigLanguage.of(write("!include conf.d/*.conf\n"))).isEqualTo(ConfigLanguage.DOVECOT_2_3);
    }

    @Test
    void dovecotConfigVersionAfterAnotherSettingIsAnError() throws IOException {
        Path f = write("protocols = imap\ndovecot_config_version = 2.4.0\n");
        assertThatThrownBy(() -> LoftConfig.load(f)).isInstanceOf(ConfigException.class)
                .hasMessage(f + ":2: dovecot_config_version must be the first setting of the file: only then is it"
                        + " read as Dovecot 2.4's language (this file is read as 2.3)");
    }

    @Test
    void a24SettingInA23FileNamesTheRule() throws IOException {
        Path f = write("protocols = imap\nmail_driver = maildir\n");
        assertThatThrownBy(() -> LoftConfig.load(f)).isInstanceOf(ConfigException.class)
                .hasMessage(f + ":2: mail_driver is a Dovecot 2.4 setting, but this file is read as 2.3 because its"
                        + " first setting is not dovecot_config_version");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mail_location = maildir:~/Maildir|3|mail_location is Dovecot 2.3's language",
        "ssl_cert = </etc/ssl/cert.pem|3|2.4 writes ssl_server_cert_file",
        "disable_plaintext_auth = no|3|2.4 writes auth_allow_cleartext",
        "passdb {\\n  driver = pam\\n  args = dovecot\\n}|5|args is Dovecot 2.3's language",
        "plugin {\\n  quota = count:User\\n}|3|plugin is Dovecot 2.3's language",
        "service imap {\\n  service_count = 1\\n}|4|2.4 writes restart_request_count",
    })
    void a23ConstructInA24FileIsAnError(String text, int line, String message) throws IOException {
        Path f = write(V24 + text.replace("\\n", "\n") + "\n");
        assertThatThrownBy(() -> LoftConfig.load(f)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f + ":" + line + ": ").hasMessageContaining(message);
    }

    @Test
    void dovecotStorageVersionIsRequired() throws IOException {
        Path f = write("dovecot_config_version = 2.4.0\nprotocols {\n  imap = yes\n}\n");
        assertThatThrownBy(() -> LoftConfig.load(f)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f + ":1: dovecot_storage_version is required");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "dovecot_config_version = 2.5.0\\ndovecot_storage_version = 2.4.0|1|Loft reads the configuration language of Dovecot 2.4",
        "dovecot_config_version = 2.4.0\\ndovecot_storage_version = latest|2|dovecot_storage_version: Invalid version",
    })
    void versionsAreChecked(String text, int line, String message) throws IOException {
        Path f = write(text.replace("\\n", "\n") + "\n");
        assertThatThrownBy(() -> LoftConfig.load(f)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f + ":" + line + ": ").hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "sieve_script personal {\\n  driver = dict\\n  path = x\\n};4;sieve_script personal: Loft reads only the file driver",
        "sieve_script spam {\\n  type = before\\n  cause = copy\\n  path = /x\\n};5;Loft does not read cause in a sieve_script",
        "sieve_script x {\\n  type = imapsieve\\n  path = /x\\n};4;Loft does not support the storage type 'imapsieve'",
        "sieve_script personal {\\n  active_path = ~/.dovecot.sieve\\n};3;sieve_script personal: path is not set",
        "sieve_script d {\\n  type = default\\n  path = /x\\n  active_path = /y\\n};6;active_path applies only to a personal",
        "protocol lmtp {\\n  sieve_script p {\\n    path = ~/s\\n  }\\n};4;Loft reads Sieve settings only at the top level",
        "sieve_max_cpu_time = 30s;3;sieve_max_cpu_time",
        "sieve_plugins {\\n  sieve_extprograms = yes\\n};3;Loft does not support sieve_plugins yet",
        "sieve = file:~/sieve;3;sieve is Dovecot 2.3's language",
        "sieve_before = /x.sieve;3;2.4 writes sieve_script NAME { type = before",
        "sieve_quota_max_scripts = 3;3;2.4 writes sieve_quota_script_count",
        "sieve_extensions {\\n  imapflags = maybe\\n};4;Invalid boolean 'maybe'",
        "sql_driver = pgsql;3;inline SQL settings are not read yet",
        "pgsql localhost {\\n  parameters {\\n    dbname = mail\\n  }\\n};3;inline SQL settings are not read yet",
        "passdb sql {\\n  query = SELECT 1\\n};3;Loft does not read passdb sql in Dovecot 2.4's language yet",
        "imap_capability {\\n  XFOO = yes\\n};3;Loft does not support imap_capability yet",
        "mail_path = /var/mail/%{nosuch};3;mail_path: Unknown variable %{nosuch}",
        "auth_username_format = %{user | rot13};3;Loft does not support the filter 'rot13' yet",
        "auth_username_format = %{user | md5};3;md5 gives binary",
        "log_debug = category=imap;3;log_debug: Loft reads only category=mail and category=auth",
        "ssl_server_prefer_ciphers = yes;3;Invalid value 'yes' (use server or client)",
        "mail_plugins {\\n  quota = maybe\\n};4;Invalid boolean 'maybe'",
        "mail_path = ~/Maildir;3;mail_driver is not set",
        "quota_storage_size = 1G;3;only inside a quota \"name\" { } block",
        "passdb pam {\\n  use_worker = yes\\n};4;Unknown setting: use_worker (in section 'passdb')",
        "nonsense_setting = 1;3;Unknown setting: nonsense_setting",
        "login_greeting = $SET:instance_name\\ninstance_name = $SET:login_greeting;4;nested more than 20 deep",
    })
    void what24ConstructsLoftCannotHonourAreRefusedAtTheirLine(String text, int line, String message)
            throws IOException {
        Path f = write(V24 + text.replace("\\n", "\n") + "\n");
        assertThatThrownBy(() -> LoftConfig.load(f)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f + ":" + line + ": ").hasMessageContaining(message);
    }

    @Test
    void defaultsFollowTheDeclaredVersion() throws IOException {
        String site = "dovecot_storage_version = 2.4.0\nprotocols {\n  lmtp = yes\n}\n";
        Path f240 = write("dovecot_config_version = 2.4.0\n" + site);
        assertThat(LoftConfig.load(f240).settings().string("lmtp_user_concurrency_limit")).isEqualTo("0");
        Path f241 = write("dovecot_config_version = 2.4.1\n" + site);
        assertThat(LoftConfig.load(f241).settings().string("lmtp_user_concurrency_limit")).isEqualTo("10");
        Path set = write("dovecot_config_version = 2.4.1\n" + site + "lmtp_user_concurrency_limit = 3\n");
        assertThat(LoftConfig.load(set).settings().string("lmtp_user_concurrency_limit")).isEqualTo("3");
    }

    @Test
    void ftsSettingsWithoutTheFtsPluginOnlyWarnAsInDovecot() throws IOException {
        Path f = write(V24 + "fts_autoindex = yes\n");
        assertThat(LoftConfig.load(f).warnings())
                .contains(f + ":3: fts_autoindex has no effect: the fts plugin is not in mail_plugins (Dovecot"
                        + " ignores it then too)");
    }

    @Test
    void envAndDefaultsInPipelines() throws IOException {
        Path f = write(V24 + "mail_driver = maildir\nmail_path = /var/vmail/%{userdb:dir | default(x)}/%{env:SITE}\n");
        assertThat(LoftConfig.load(f).settings().string("mail_location"))
                .isEqualTo("maildir:/var/vmail/%{userdb:dir:x}/%{env:SITE}");
    }
}
