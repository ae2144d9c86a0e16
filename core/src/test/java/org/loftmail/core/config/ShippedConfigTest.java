package org.loftmail.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped loft.conf and conf.d/ parse, mean what their comments say, and round-trip. */
class ShippedConfigTest {

    /** Maven runs the tests in core/, so the repository root is the parent. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void shippedConfigurationLoadsWithoutWarnings() {
        LoftConfig c = LoftConfig.load(ROOT.resolve("loft.conf"));
        assertThat(c.warnings()).isEmpty();
        assertThat(c.protocols()).containsExactly("imap", "pop3", "lmtp");
        assertThat(c.baseDir()).isEqualTo(Path.of("/run/loft"));
        Settings s = c.settings();
        assertThat(s.bool("disable_plaintext_auth")).isTrue();
        assertThat(s.list("auth_mechanisms")).containsExactly("plain", "login");
        assertThat(s.string("mail_location")).isEqualTo("maildir:~/Maildir");
        assertThat(s.string("pop3_uidl_format")).isEqualTo("%08Xu%08Xv");
        assertThat(c.ssl().mode()).isEqualTo(SslSettings.Mode.YES);
        assertThat(c.ssl().minProtocol()).isEqualTo("TLSv1.2");
        assertThat(c.sections("passdb")).extracting(p -> p.string("driver")).containsExactly("pam");
        assertThat(c.sections("userdb")).extracting(p -> p.string("driver")).containsExactly("passwd");
        ConfigSection inbox = c.sections("namespace").get(0);
        assertThat(inbox.bool("inbox")).isTrue();
        assertThat(inbox.children("mailbox")).extracting(ConfigSection::name)
                .containsExactly("Drafts", "Sent", "Sent Messages", "Trash", "Junk", "Spam", "Virus");
        assertThat(inbox.child("mailbox", "Junk").orElseThrow().string("special_use")).isEqualTo("\\Junk");
        assertThat(c.service("imap-login").orElseThrow().enabledInetListeners()).extracting(InetListener::port)
                .containsExactly(143, 993);
        assertThat(c.service("lmtp").orElseThrow().unixListener("lmtp").orElseThrow().path())
                .isEqualTo(Path.of("/run/loft/lmtp"));
        assertThat(c.service("auth").orElseThrow().unixListener("auth-userdb").orElseThrow().mode()).isEqualTo(0600);
    }

    @Test
    void eachAuthIncludeParses() throws IOException {
        for (String ext : List.of("auth-system.conf.ext", "auth-passwdfile.conf.ext", "auth-sql.conf.ext")) {
            Path main = ConfigFiles.write(dir, ext + ".main", "!include " + ROOT.resolve("conf.d").resolve(ext) + "\n");
            LoftConfig c = LoftConfig.load(main);
            assertThat(c.sections("passdb")).as(ext).isNotEmpty();
            assertThat(c.sections("userdb")).as(ext).isNotEmpty();
        }
        ConfigSection sql = ConfigParser.parseUntyped(ROOT.resolve("conf.d/dovecot-sql.conf.ext")).root();
        assertThat(sql.string("driver")).isEqualTo("pgsql");
        assertThat(sql.string("password_query")).contains("FROM mailbox WHERE username = '%u' AND active = '1'");
        assertThat(sql.string("user_query")).contains("AS quota_rule FROM mailbox").doesNotContain("\\");
    }

    /**
     * Commented-out settings document real defaults and alternatives: with every one of them
     * uncommented (file values aside), the configuration must still load.
     */
    @Test
    void everyCommentedSettingIsValidToo() throws IOException {
        Pattern commented = Pattern.compile("^(\\s*)#(?=\\S|\\s\\s)(?!#)\\s?(.*)$");
        Path copy = dir.resolve("etc");
        Files.createDirectories(copy.resolve("conf.d"));
        try (Stream<Path> files = Files.list(ROOT.resolve("conf.d"))) {
            for (Path f : files.toList()) {
                StringBuilder out = new StringBuilder();
                for (String line : Files.readAllLines(f)) {
                    var m = commented.matcher(line);
                    boolean fileValue = line.contains("= <");
                    out.append(m.matches() && !fileValue && !line.contains("connect = /") ? m.group(1) + m.group(2) : line)
                            .append('\n');
                }
                Files.writeString(copy.resolve("conf.d").resolve(f.getFileName()), out);
            }
        }
        Files.copy(ROOT.resolve("loft.conf"), copy.resolve("loft.conf"));
        LoftConfig c = LoftConfig.load(copy.resolve("loft.conf"));
        assertThat(c.sections("passdb")).extracting(p -> p.string("driver"))
                .containsExactly("passwd-file", "sql", "pam", "shadow");
        assertThat(c.service("imap-login").orElseThrow().inetListener("imap").orElseThrow().enabled()).isFalse();
        assertThat(c.service("auth").orElseThrow().unixListener("/var/spool/postfix/private/auth")).isPresent();
        assertThat(c.settings("lmtp").list("mail_plugins")).containsExactly("sieve");
        assertThat(c.settings("imap").list("mail_plugins")).containsExactly("imap_quota");
        assertThat(c.settings().plugin("quota_rule2")).isEqualTo("Trash:storage=+100M");
        assertThat(c.warnings()).isEmpty(); // every Sieve setting the shipped files mention is honoured
    }

    @Test
    void nonDefaultOutputParsesBackToTheSameSettings() throws IOException {
        assertRoundTrip(LoftConfig.load(ROOT.resolve("loft.conf")));
    }

    @Test
    void roundTripOfFiltersQuotesAndFileValues() throws IOException {
        ConfigFiles.write(dir, "cert.pem", "-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----\n");
        ConfigFiles.write(dir, "key.pem", "-----BEGIN PRIVATE KEY-----\nY\n-----END PRIVATE KEY-----\n");
        LoftConfig c = LoftConfig.load(ConfigFiles.main(dir, """
                ssl_cert = <cert.pem
                ssl_key = <key.pem
                login_greeting = "  spaced # hash $dollar 'q' \\"dq\\" "
                mail_plugins = quota
                protocol imap pop3 {
                  mail_plugins = $mail_plugins imap_quota
                }
                protocol lmtp {
                  mail_plugins =
                  postmaster_address = pm@example.com
                }
                remote 192.0.2.0/24 {
                  protocol imap {
                    login_greeting = hi
                  }
                }
                passdb {
                  driver = passwd-file
                  args = scheme=CRYPT /etc/loft/users
                }
                passdb {
                  driver = pam
                  result_failure = return-fail
                }
                service imap-login {
                  inet_listener imap {
                    port = 0
                  }
                  process_min_avail = 3
                }
                service "auth" {
                  unix_listener "/var/spool/postfix/private/auth" {
                    mode = 0660
                    user = postfix
                  }
                }
                plugin {
                  quota_rule = *:storage=1G
                  quota_rule2 = Trash:storage=+10%%
                }
                """));
        assertThat(c.settings().string("login_greeting")).isEqualTo("  spaced # hash $dollar 'q' \"dq\" ");
        assertRoundTrip(c);
    }

    private void assertRoundTrip(LoftConfig original) throws IOException {
        String all = ConfigWriter.all(original);
        Path n = dir.resolve("n.conf");
        Files.writeString(n, ConfigWriter.nonDefault(original));
        LoftConfig fromN = LoftConfig.load(n);
        Path a = dir.resolve("a.conf");
        Files.writeString(a, all);
        LoftConfig fromA = LoftConfig.load(a);
        assertThat(withoutHeader(ConfigWriter.all(fromN))).isEqualTo(withoutHeader(all));
        assertThat(withoutHeader(ConfigWriter.all(fromA))).isEqualTo(withoutHeader(all));
        assertThat(withoutHeader(ConfigWriter.nonDefault(fromN)))
                .isEqualTo(withoutHeader(ConfigWriter.nonDefault(original)));
        for (String protocol : List.of("imap", "pop3", "lmtp", "lda")) {
            for (SettingDefinition def : SettingDefinitions.GLOBAL.values()) {
                assertThat(fromN.settings(protocol).string(def.name())).as(protocol + " " + def.name())
                        .isEqualTo(original.settings(protocol).string(def.name()));
            }
            assertThat(fromN.settings(protocol).pluginValues().keySet())
                    .isEqualTo(original.settings(protocol).pluginValues().keySet());
        }
    }

    private static String withoutHeader(String text) {
        return text.substring(text.indexOf('\n') + 1);
    }
}
