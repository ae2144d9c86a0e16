package org.loftmail.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {

    static final Path SHIPPED = Path.of("..", "loft.conf").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    private static Run adm(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AdminCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String body(String output) {
        return output.substring(output.indexOf('\n') + 1);
    }

    @Test
    void nonDefaultOutputOfTheShippedConfigParsesBackToItself() throws IOException {
        Run first = adm("config", "-c", SHIPPED.toString(), "-n");
        assertThat(first.exit()).isZero();
        assertThat(first.err()).isEmpty();
        assertThat(first.out()).contains("base_dir = /run/loft", "mail_location = maildir:~/Maildir", "passdb {", "driver = pam")
                .contains("service imap-login {").doesNotContain("protocol lda {");
        Path copy = Files.writeString(dir.resolve("n.conf"), first.out());
        Run second = adm("-c", copy.toString(), "config", "-n");
        assertThat(second.exit()).isZero();
        assertThat(body(second.out())).isEqualTo(body(first.out()));
    }

    @Test
    void allOutputParsesBackToItself() throws IOException {
        Run first = adm("config", "-c", SHIPPED.toString(), "-a");
        assertThat(first.exit()).isZero();
        assertThat(first.out()).contains("first_valid_uid = 500", "pop3_uidl_format = %08Xu%08Xv",
                "inet_listener imaps {", "port = 993");
        Path copy = Files.writeString(dir.resolve("a.conf"), first.out());
        Run second = adm("config", "-c", copy.toString());
        assertThat(second.exit()).isZero();
        assertThat(body(second.out())).isEqualTo(body(first.out()));
    }

    @Test
    void brokenFileNamesFileAndLine() throws IOException {
        Path conf = Files.writeString(dir.resolve("bad.conf"), "protocols = imap\nmail_locaton = maildir:~/M\n");
        Run r = adm("config", "-c", conf.toString(), "-n");
        assertThat(r.exit()).isEqualTo(AdminCli.EXIT_CONFIG);
        assertThat(r.err()).contains(conf + ":2: Unknown setting: mail_locaton");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void warningsGoToStderr() throws IOException {
        Path conf = Files.writeString(dir.resolve("w.conf"),
                "base_dir = " + dir + "\nservice imap-login {\n  process_min_avail = 4\n}\n");
        Run r = adm("config", "-c", conf.toString(), "-n");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains(conf + ":3: process_min_avail");
        assertThat(r.out()).contains("process_min_avail = 4");
    }

    @Test
    void namedSettingsAndFilters() throws IOException {
        Path conf = Files.writeString(dir.resolve("f.conf"), """
                base_dir = /tmp/x
                mail_plugins = quota
                protocol lmtp {
                  mail_plugins = $mail_plugins sieve
                }
                """);
        assertThat(adm("config", "-c", conf.toString(), "mail_plugins").out()).isEqualTo("mail_plugins = quota\n");
        assertThat(adm("config", "-c", conf.toString(), "-f", "protocol=lmtp", "-h", "mail_plugins").out())
                .isEqualTo("quota sieve\n");
        assertThat(adm("config", "-c", conf.toString(), "-f", "protocol=lmtp", "-n").out())
                .contains("mail_plugins = quota sieve").contains("base_dir = /tmp/x");
        Run unknown = adm("config", "-c", conf.toString(), "nosuch");
        assertThat(unknown.exit()).isEqualTo(AdminCli.EXIT_CONFIG);
        assertThat(unknown.err()).contains("Unknown setting: nosuch");
        assertThat(adm("config", "-c", conf.toString(), "-f", "bogus").exit()).isEqualTo(AdminCli.EXIT_USAGE);
    }

    @Test
    void usageErrors() {
        assertThat(adm("config", "-n", "-a").exit()).isEqualTo(AdminCli.EXIT_USAGE);
        assertThat(adm("frobnicate").exit()).isEqualTo(AdminCli.EXIT_USAGE);
        Run none = adm();
        assertThat(none.exit()).isEqualTo(AdminCli.EXIT_USAGE);
        assertThat(none.err()).contains("Missing command");
        Run missing = adm("config", "-c", "/nonexistent/loft.conf");
        assertThat(missing.exit()).isEqualTo(AdminCli.EXIT_CONFIG);
        assertThat(missing.err()).contains("/nonexistent/loft.conf:1: Can't open configuration file: No such file");
        Run help = adm("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("config", "pw");
    }

    /** Issue 20, hardening: passwords and keys are hidden unless -P, as doveconf 2.3 does. */
    @Test
    void secretsAreHiddenUnlessAskedFor() throws IOException {
        Path users = Files.writeString(dir.resolve("users"), "jsmith:{PLAIN}x:::::\n");
        Path conf = Files.writeString(dir.resolve("s.conf"), """
                base_dir = %1$s
                ssl_key_password = hunter2
                passdb {
                  driver = static
                  args = user=joe password=s3cret nopassword=y
                }
                userdb {
                  driver = passwd-file
                  args = %2$s
                }
                """.formatted(dir, users));
        Run masked = adm("config", "-c", conf.toString(), "-n");
        assertThat(masked.exit()).isZero();
        assertThat(masked.out()).contains("ssl_key_password = # hidden, use -P to show it",
                "args = user=joe password=#hidden_use-P_to_show# nopassword=y").doesNotContain("hunter2", "s3cret");
        assertThat(adm("config", "-c", conf.toString(), "-a").out()).doesNotContain("hunter2", "s3cret");
        assertThat(adm("config", "-c", conf.toString(), "-n", "-f", "protocol=imap").out())
                .contains("ssl_key_password = # hidden, use -P to show it").doesNotContain("hunter2");
        Run shown = adm("config", "-c", conf.toString(), "-n", "-P");
        assertThat(shown.out()).contains("ssl_key_password = hunter2", "password=s3cret");
        assertThat(adm("config", "-c", conf.toString(), "ssl_key_password").out().trim())
                .isEqualTo("ssl_key_password = hunter2");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} = {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "ssl_key | </etc/ssl/key.pem | # hidden, use -P to show it",
        "ssl_dh | </etc/dh.pem | # hidden, use -P to show it",
        "mail_crypt_api_key | abc | # hidden, use -P to show it",
        "connect | `host=db password=pw dbname=mail` | `host=db password=#hidden_use-P_to_show# dbname=mail`",
        "args | `secret=a;key=b:x` | `secret=#hidden_use-P_to_show#;key=#hidden_use-P_to_show#:x`",
        "args | nopassword=y | nopassword=y",
        "mail_location | maildir:~/Maildir | maildir:~/Maildir",
        "ssl_key_password | `` | ``",
    })
    void maskingFollowsDoveconf(String key, String value, String shown) {
        assertThat(SecretMask.value(key, value)).isEqualTo(shown);
    }
}
