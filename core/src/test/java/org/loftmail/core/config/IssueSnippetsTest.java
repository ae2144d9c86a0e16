package org.loftmail.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every snippet quoted in issue 2 (from a widely used Postfix + Dovecot guide), written as the guide
 * writes them, accepted and meaning what it means there.
 */
class IssueSnippetsTest {

    @TempDir
    Path dir;

    private LoftConfig load(String text) {
        return LoftConfig.load(ConfigFiles.main(dir, text));
    }

    @Test
    void protocolsLmtpImap() {
        LoftConfig c = load("protocols = lmtp imap\n");
        assertThat(c.protocols()).containsExactly("lmtp", "imap");
        assertThat(c.activeServices()).extracting(ServiceSettings::name)
                .contains("imap-login", "lmtp", "auth").doesNotContain("pop3-login");
    }

    @Test
    void protocolsImapPop3ListenStar() {
        LoftConfig c = load("protocols = imap pop3\nlisten = *\n");
        assertThat(c.protocols()).containsExactly("imap", "pop3");
        assertThat(c.listen()).containsExactly("*");
        InetListener pop3 = c.service("pop3-login").orElseThrow().inetListener("pop3").orElseThrow();
        assertThat(pop3.addresses()).containsExactly("*");
        assertThat(pop3.port()).isEqualTo(110);
    }

    @Test
    void authSocketForPostfix() {
        LoftConfig c = load("""
                service auth {
                  unix_listener /var/spool/postfix/private/auth {
                    mode = 0660
                    user = postfix
                    group = postfix
                  }
                }
                """);
        UnixListener l = c.service("auth").orElseThrow()
                .unixListener("/var/spool/postfix/private/auth").orElseThrow();
        assertThat(l.path()).isEqualTo(Path.of("/var/spool/postfix/private/auth"));
        assertThat(l.mode()).isEqualTo(0660);
        assertThat(l.user()).isEqualTo("postfix");
        assertThat(l.group()).isEqualTo("postfix");
        assertThat(l.location().line()).isEqualTo(3);
    }

    @Test
    void lmtpSocketForPostfix() {
        LoftConfig c = load("""
                service lmtp {
                  unix_listener /var/spool/postfix/private/dovecot-lmtp {
                    group = postfix
                    mode = 0600
                    user = postfix
                  }
                }
                """);
        ServiceSettings lmtp = c.service("lmtp").orElseThrow();
        UnixListener l = lmtp.unixListener("/var/spool/postfix/private/dovecot-lmtp").orElseThrow();
        assertThat(l.mode()).isEqualTo(0600);
        assertThat(l.user()).isEqualTo("postfix");
        assertThat(l.group()).isEqualTo("postfix");
        // the built-in relative "lmtp" socket stays, under base_dir
        assertThat(lmtp.unixListener("lmtp").orElseThrow().path()).isEqualTo(dir.resolve("run/lmtp"));
    }

    @Test
    void port0DisablesImapAndImapsUsesSsl() {
        LoftConfig c = load("""
                service imap-login {
                  inet_listener imap {
                    port = 0
                  }
                  inet_listener imaps {
                    port = 993
                    ssl = yes
                  }
                }
                """);
        ServiceSettings login = c.service("imap-login").orElseThrow();
        assertThat(login.inetListener("imap").orElseThrow().enabled()).isFalse();
        InetListener imaps = login.inetListener("imaps").orElseThrow();
        assertThat(imaps.enabled()).isTrue();
        assertThat(imaps.port()).isEqualTo(993);
        assertThat(imaps.ssl()).isTrue();
        assertThat(login.enabledInetListeners()).extracting(InetListener::name).containsExactly("imaps");
    }

    @Test
    void sslBlockFromTheGuide() throws Exception {
        ConfigFiles.write(dir, "cert.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        ConfigFiles.write(dir, "privkey.pem", "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n");
        ConfigFiles.write(dir, "chain.pem", "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n");
        LoftConfig c = load("""
                ssl = required
                ssl_cert = <%1$s/cert.pem
                ssl_key = <%1$s/privkey.pem
                ssl_ca = <%1$s/chain.pem
                ssl_protocols = !SSLv2 !SSLv3
                ssl_cipher_list = ALL:!LOW:!SSLv2:!SSLv3:!EXP:!aNULL
                ssl_prefer_server_ciphers = yes
                """.formatted(dir));
        SslSettings ssl = c.ssl();
        assertThat(ssl.mode()).isEqualTo(SslSettings.Mode.REQUIRED);
        assertThat(ssl.certPem()).startsWith("-----BEGIN CERTIFICATE-----").contains("MIIB")
                .endsWith("-----END CERTIFICATE-----");
        assertThat(ssl.keyPem()).contains("MIIE");
        assertThat(ssl.caPem()).contains("MIIC");
        assertThat(ssl.certFile()).isEqualTo(dir.resolve("cert.pem"));
        assertThat(ssl.minProtocol()).isEqualTo("TLSv1.2");
        assertThat(ssl.cipherList()).isEqualTo("ALL:!LOW:!SSLv2:!SSLv3:!EXP:!aNULL");
        assertThat(ssl.preferServerCiphers()).isTrue();
        assertThat(c.warnings()).anyMatch(w -> w.contains("ssl_protocols") && w.contains("loft.conf:6: "));
    }

    @Test
    void authBlock() {
        ConfigFiles.write(dir, "auth-system.conf.ext", """
                passdb {
                  driver = pam
                }
                userdb {
                  driver = passwd
                }
                """);
        LoftConfig c = load("""
                disable_plaintext_auth = yes
                auth_mechanisms = plain login
                auth_username_format = %Ln
                !include auth-system.conf.ext
                """);
        Settings s = c.settings();
        assertThat(s.bool("disable_plaintext_auth")).isTrue();
        assertThat(s.list("auth_mechanisms")).containsExactly("plain", "login");
        assertThat(s.string("auth_username_format")).isEqualTo("%Ln");
        assertThat(c.sections("passdb")).singleElement().extracting(p -> p.string("driver")).isEqualTo("pam");
        assertThat(c.sections("userdb")).singleElement().extracting(p -> p.string("driver")).isEqualTo("passwd");
        assertThat(c.sections("passdb").get(0).location().file()).isEqualTo(dir.resolve("auth-system.conf.ext"));
    }

    @Test
    void mailLocations() {
        assertThat(load("mail_location = maildir:~/Maildir\n").settings().string("mail_location"))
                .isEqualTo("maildir:~/Maildir");
        assertThat(load("mail_location = mbox:~/mail:INBOX=/var/mail/%u\n").settings().string("mail_location"))
                .isEqualTo("mbox:~/mail:INBOX=/var/mail/%u");
    }

    @Test
    void protocolLmtpBlock() {
        LoftConfig c = load("""
                protocol lmtp {
                  postmaster_address = postmaster@example.com
                  mail_plugins = quota sieve
                }
                """);
        Settings lmtp = c.settings("lmtp");
        assertThat(lmtp.string("postmaster_address")).isEqualTo("postmaster@example.com");
        assertThat(lmtp.list("mail_plugins")).containsExactly("quota", "sieve");
        assertThat(c.settings("imap").list("mail_plugins")).isEmpty();
        assertThat(c.settings("imap").string("postmaster_address")).isEqualTo("postmaster@%d");
    }

    @Test
    void logPaths() {
        LoftConfig c = load("""
                info_log_path = /var/log/dovecot_info.log
                debug_log_path = /var/log/dovecot_debug.log
                """);
        LoggingSettings log = c.logging();
        assertThat(log.infoLogPath()).isEqualTo("/var/log/dovecot_info.log");
        assertThat(log.debugLogPath()).isEqualTo("/var/log/dovecot_debug.log");
        assertThat(log.logPath()).isEqualTo("syslog"); // Dovecot's default (ADR 0110)
    }

    @Test
    void sslNo() {
        LoftConfig c = load("ssl = no\n");
        assertThat(c.ssl().enabled()).isFalse();
    }

    /** The snippets exactly as the issue prints them, on one line each. */
    @Test
    void oneLineFormsAsTheIssuePrintsThem() {
        LoftConfig c = load("""
                service auth { unix_listener /var/spool/postfix/private/auth { mode = 0660  user = postfix  group = postfix } }
                service lmtp { unix_listener /var/spool/postfix/private/dovecot-lmtp { group = postfix  mode = 0600  user = postfix } }
                service imap-login { inet_listener imap { port = 0 } inet_listener imaps { port = 993  ssl = yes } }
                protocol lmtp { postmaster_address = postmaster@example.com  mail_plugins = quota sieve }
                passdb { driver = pam }
                userdb { driver = passwd }
                plugin { sieve = ~/.dovecot.sieve }
                userdb { driver = static  args = uid=vmail gid=vmail home=/var/vmail/%d/%{username} }
                """);
        UnixListener auth = c.service("auth").orElseThrow().unixListener("/var/spool/postfix/private/auth").orElseThrow();
        assertThat(auth.mode()).isEqualTo(0660);
        assertThat(auth.user()).isEqualTo("postfix");
        assertThat(auth.group()).isEqualTo("postfix");
        UnixListener lmtp = c.service("lmtp").orElseThrow()
                .unixListener("/var/spool/postfix/private/dovecot-lmtp").orElseThrow();
        assertThat(lmtp.mode()).isEqualTo(0600);
        assertThat(lmtp.group()).isEqualTo("postfix");
        ServiceSettings login = c.service("imap-login").orElseThrow();
        assertThat(login.inetListener("imap").orElseThrow().enabled()).isFalse();
        assertThat(login.inetListener("imaps").orElseThrow().ssl()).isTrue();
        assertThat(c.settings("lmtp").string("postmaster_address")).isEqualTo("postmaster@example.com");
        assertThat(c.settings("lmtp").list("mail_plugins")).containsExactly("quota", "sieve");
        assertThat(c.sections("passdb")).singleElement().extracting(p -> p.string("driver")).isEqualTo("pam");
        assertThat(c.sections("userdb")).extracting(p -> p.string("driver")).containsExactly("passwd", "static");
        assertThat(c.sections("userdb").get(1).string("args"))
                .isEqualTo("uid=vmail gid=vmail home=/var/vmail/%d/%{username}");
        assertThat(c.settings().plugin("sieve")).isEqualTo("~/.dovecot.sieve");
    }

    @Test
    void sectionsFromTheIssueText() {
        LoftConfig c = load("""
                protocol lmtp {
                  mail_plugins = $mail_plugins sieve
                }
                plugin {
                  sieve = ~/.dovecot.sieve
                }
                passdb {
                  driver = pam
                }
                """);
        assertThat(c.settings("lmtp").list("mail_plugins")).isEqualTo(List.of("sieve"));
        assertThat(c.settings().plugin("sieve")).isEqualTo("~/.dovecot.sieve");
    }
}
