package org.loftmail.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigParserTest {

    @TempDir
    Path dir;

    private LoftConfig load(String text) {
        return LoftConfig.load(ConfigFiles.main(dir, text), Map.of("MAILHOST", "mx.example.com"));
    }

    private void assertError(String text, int line, String problem) {
        Path main = dir.resolve("loft.conf");
        assertThatThrownBy(() -> load(text))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(main + ":" + line + ": ")
                .hasMessageContaining(problem);
    }

    /** The warnings, without the one about protocols being empty (most tests do not set protocols). */
    private static java.util.List<String> warnings(LoftConfig c) {
        return c.warnings().stream().filter(w -> !w.contains("protocols is empty")).toList();
    }

    // ---- syntax -------------------------------------------------------------------------------

    @Test
    void commentsQuotesAndContinuations() {
        Settings s = load("""
                # a comment
                   # an indented comment
                login_greeting = "Hello # not a comment"   # a comment
                mail_location = maildir:~/Maildir # trailing comment
                auth_mechanisms = plain \\
                   login \\
                   cram-md5
                rejection_subject = 'name "Loft" # quoted'
                postmaster_address="escaped \\"quote\\""
                """).settings();
        assertThat(s.string("login_greeting")).isEqualTo("Hello # not a comment");
        assertThat(s.string("mail_location")).isEqualTo("maildir:~/Maildir");
        assertThat(s.list("auth_mechanisms")).containsExactly("plain", "login", "cram-md5");
        assertThat(s.string("rejection_subject")).isEqualTo("name \"Loft\" # quoted");
        assertThat(s.string("postmaster_address")).isEqualTo("escaped \"quote\"");
    }

    @Test
    void continuationErrorsNameTheFirstLine() {
        assertError("""
                auth_mechanisms = plain \\
                   login
                nosuch_setting = a \\
                   b
                """, 4, "Unknown setting: nosuch_setting");
    }

    @Test
    void dollarRefersToEarlierValuesAndDefaults() {
        LoftConfig c = load("""
                mail_plugins = quota
                mail_plugins = $mail_plugins imap_quota
                protocol lmtp {
                  mail_plugins = $mail_plugins sieve
                }
                login_greeting = $ENV:MAILHOST ready
                auth_mechanisms = $auth_mechanisms login
                """);
        assertThat(c.settings().list("mail_plugins")).containsExactly("quota", "imap_quota");
        assertThat(c.settings("lmtp").list("mail_plugins")).containsExactly("quota", "imap_quota", "sieve");
        assertThat(c.settings().string("login_greeting")).isEqualTo("mx.example.com ready");
        assertThat(c.settings().list("auth_mechanisms")).containsExactly("plain", "login");
    }

    @Test
    void unknownDollarVariableIsAnError() {
        assertError("login_greeting = $nosuch\n", 2, "Unknown variable: $nosuch");
    }

    @Test
    void percentVariablesStayTemplates() {
        Settings s = load("mail_location = maildir:/var/vmail/%d/%n:INDEX=/var/idx/%u\n").settings();
        assertThat(s.string("mail_location")).isEqualTo("maildir:/var/vmail/%d/%n:INDEX=/var/idx/%u");
    }

    @Test
    void valueFromFileRelativeToTheCurrentFile() {
        ConfigFiles.write(dir, "conf.d/greeting.txt", "Welcome\n");
        ConfigFiles.write(dir, "conf.d/10-x.conf", "login_greeting = <greeting.txt\n");
        LoftConfig c = load("!include conf.d/*.conf\n");
        assertThat(c.settings().string("login_greeting")).isEqualTo("Welcome");
        assertThat(c.settings().explicit("login_greeting").orElseThrow().sourceFile())
                .isEqualTo(dir.resolve("conf.d/greeting.txt"));
    }

    @Test
    void dollarOfAFileValueKeepsTheFile() {
        ConfigFiles.write(dir, "cert.pem", "-----BEGIN CERTIFICATE-----\nA\n-----END CERTIFICATE-----\n");
        ConfigFiles.write(dir, "key.pem", "-----BEGIN PRIVATE KEY-----\nA\n-----END PRIVATE KEY-----\n");
        LoftConfig c = load("""
                ssl_cert = <cert.pem
                ssl_key = <key.pem
                protocol imap {
                  ssl_cert = $ssl_cert
                }
                """);
        assertThat(c.settings("imap").explicit("ssl_cert").orElseThrow().sourceFile()).isEqualTo(dir.resolve("cert.pem"));
        assertThat(ConfigWriter.nonDefault(c)).contains("  ssl_cert = <" + dir.resolve("cert.pem"));
    }

    @Test
    void trustedNetworks() throws Exception {
        Settings s = load("login_trusted_networks = 10.0.0.0/8, 127.0.0.1 ::1\n").settings();
        assertThat(s.networks("login_trusted_networks")).hasSize(3);
        assertThat(s.inNetworks("login_trusted_networks", InetAddress.getByName("10.1.2.3"))).isTrue();
        assertThat(s.inNetworks("login_trusted_networks", InetAddress.getByName("::1"))).isTrue();
        assertThat(s.inNetworks("login_trusted_networks", InetAddress.getByName("192.0.2.1"))).isFalse();
        assertThat(s.inNetworks("login_trusted_networks", null)).isFalse();
    }

    @Test
    void protocolViewsAreComputedOnce() {
        LoftConfig c = load("protocol imap {\n  mail_max_userip_connections = 20\n}\n");
        assertThat(c.settings("imap")).isSameAs(c.settings(FilterContext.protocol("imap")));
        assertThat(c.settings(FilterContext.none())).isSameAs(c.settings());
        assertThat(c.settings("imap").uint("mail_max_userip_connections")).isEqualTo(20);
    }

    @Test
    void authVerbosePasswordsValues() {
        assertThat(load("auth_verbose_passwords = sha1:6\n").settings().string("auth_verbose_passwords")).isEqualTo("sha1:6");
        assertError("auth_verbose_passwords = md5\n", 2, "use no, plain or sha1");
    }

    @Test
    void missingValueFileIsAnError() {
        assertError("\nssl_cert = </nonexistent/cert.pem\n", 3, "ssl_cert: Can't open file /nonexistent/cert.pem");
    }

    // ---- includes -----------------------------------------------------------------------------

    @Test
    void includesAndGlobsInOrderInheritingTheSection() {
        ConfigFiles.write(dir, "conf.d/20-b.conf", "login_greeting = b\n");
        ConfigFiles.write(dir, "conf.d/10-a.conf", "login_greeting = a\nmail_location = maildir:~/a\n");
        ConfigFiles.write(dir, "conf.d/readme.txt", "this is not included\n");
        ConfigFiles.write(dir, "lmtp-extra.inc", "postmaster_address = pm@example.org\n");
        LoftConfig c = load("""
                !include conf.d/*.conf
                !include_try nothing/*.conf
                !include_try missing.conf
                protocol lmtp {
                  !include lmtp-extra.inc
                }
                """);
        assertThat(c.settings().string("login_greeting")).isEqualTo("b");
        assertThat(c.settings().string("mail_location")).isEqualTo("maildir:~/a");
        assertThat(c.settings("lmtp").string("postmaster_address")).isEqualTo("pm@example.org");
        assertThat(c.settings("imap").string("postmaster_address")).isEqualTo("postmaster@%d");
        assertThat(c.settings().location("login_greeting")).isEqualTo(
                new SourceLocation(dir.resolve("conf.d/20-b.conf"), 1));
    }

    @Test
    void globMatchingNothingIsFine() {
        assertThat(load("!include conf.d/*.conf\n").settings().isSet("mail_location")).isFalse();
    }

    @Test
    void missingIncludeIsAnError() {
        assertError("\n!include nosuch.conf\n", 3, "!include nosuch.conf: No such file");
    }

    @Test
    void errorsInsideIncludedFilesNameThatFile() {
        ConfigFiles.write(dir, "conf.d/10-bad.conf", "# fine\n\nssl = maybe\n");
        assertThatThrownBy(() -> load("!include conf.d/*.conf\n"))
                .hasMessage(dir.resolve("conf.d/10-bad.conf") + ":3: ssl: Invalid value 'maybe': allowed values are no, yes, required");
    }

    @Test
    void includeLoopIsStopped() {
        ConfigFiles.write(dir, "a.conf", "!include b.conf\n");
        ConfigFiles.write(dir, "b.conf", "!include a.conf\n");
        assertThatThrownBy(() -> load("!include a.conf\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("nested more than");
    }

    // ---- sections -----------------------------------------------------------------------------

    @Test
    void sameNamedSectionsMergeAndPassdbsRepeat() {
        LoftConfig c = load("""
                service imap-login {
                  inet_listener imap {
                    port = 1143
                  }
                }
                passdb {
                  driver = passwd-file
                  args = /etc/loft/users
                }
                passdb {
                  driver = pam
                }
                service imap-login {
                  inet_listener imap {
                    address = 127.0.0.1
                  }
                  process_limit = 7
                }
                """);
        ServiceSettings login = c.service("imap-login").orElseThrow();
        InetListener imap = login.inetListener("imap").orElseThrow();
        assertThat(imap.port()).isEqualTo(1143);
        assertThat(imap.addresses()).containsExactly("127.0.0.1");
        assertThat(login.processLimit()).isEqualTo(7);
        assertThat(login.clientLimit()).isEqualTo(1000);
        assertThat(c.sections("passdb")).extracting(p -> p.string("driver")).containsExactly("passwd-file", "pam");
        assertThat(c.sections("passdb").get(0).string("result_failure")).isEqualTo("continue");
        assertThat(c.sections("service")).hasSize(1);
    }

    @Test
    void defaultsWithoutAnyServiceBlock() {
        LoftConfig c = load("");
        assertThat(c.service("imap-login").orElseThrow().enabledInetListeners())
                .extracting(InetListener::name, InetListener::port, InetListener::ssl)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("imap", 143, false),
                        org.assertj.core.groups.Tuple.tuple("imaps", 993, true));
        assertThat(c.service("imap").orElseThrow().processLimit()).isEqualTo(1024);
        assertThat(c.service("lmtp").orElseThrow().unixListener("lmtp").orElseThrow().mode()).isEqualTo(0666);
        assertThat(c.protocols()).isEmpty(); // Debian's default: packages add their protocols
        assertThat(c.warnings()).singleElement().asString().contains("protocols is empty");
        assertThat(c.activeServices()).extracting(ServiceSettings::name).containsExactly("auth");
        assertThat(c.listen()).containsExactly("*", "::");
    }

    @Test
    void unbalancedBraces() {
        assertThatThrownBy(() -> load("service imap-login {\n  inet_listener imap {\n    port = 1\n  }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(dir.resolve("loft.conf") + ":5: Missing '}'")
                .hasMessageContaining("service imap-login");
        assertError("ssl = yes\n}\n", 3, "Unexpected '}'");
    }

    @Test
    void includedFileMustBalanceItsOwnBraces() {
        ConfigFiles.write(dir, "open.conf", "plugin {\n");
        assertThatThrownBy(() -> load("!include open.conf\n}\n")).hasMessageContaining("open.conf:1: Missing '}'");
    }

    @Test
    void badSectionHeaders() {
        assertError("service imap-login { x y\n", 2, "Garbage after '{'");
        assertError("service imap-login {  port = 1 }\n", 2, "Unknown setting: port (in section 'service')");
        assertError("service imap login {\n}\n", 2, "Expecting '{'");
        assertError("frobnicate {\n}\n", 2, "Unknown section type: frobnicate");
        assertError("plugin foo {\n}\n", 2, "takes no name");
        assertError("service {\n}\n", 2, "needs a name");
        assertError("inet_listener imap {\n}\n", 2, "not allowed at the top level");
        assertError("dict {\n  quota = mysql:/etc/dovecot/dovecot-dict-sql.conf.ext\n}\n", 3,
                "Loft does not support the dict section yet (opened at " + dir.resolve("loft.conf") + ":2)");
        assertError("ssl yes\n", 2, "Expecting '='");
    }

    // ---- settings table -----------------------------------------------------------------------

    @Test
    void emptyBlocksOfUnsupportedThingsChangeNothing() {
        // as Debian's stock dovecot.conf and conf.d/10-director.conf ship them
        LoftConfig c = load("""
                protocols = $protocols imap
                protocols = $protocols pop3
                protocols = $protocols imap
                dict {
                  #quota = mysql:/etc/dovecot/dovecot-dict-sql.conf.ext
                }
                service director {
                  unix_listener login/director {
                    #mode = 0666
                  }
                  fifo_listener login/proxy-notify {
                  }
                  inet_listener {
                    #port =
                  }
                }
                service submission {
                }
                protocol !indexer-worker {
                }
                """);
        assertThat(c.protocols()).containsExactly("imap", "pop3");
        assertThat(c.warnings()).isEmpty();
        assertError("service director {\n  inet_listener {\n    port = 9090\n  }\n}\n", 2,
                "Loft does not support the director service yet");
    }

    @Test
    void unknownSettingsAreErrorsWithFileAndLine() {
        assertError("\n\nmail_locaton = maildir:~/Maildir\n", 4, "Unknown setting: mail_locaton");
        assertError("passdb {\n  drvier = pam\n}\n", 3, "Unknown setting: drvier (in section 'passdb')");
        assertError("plugin {\n  sieve_befor = x\n}\n", 3, "Unknown setting: sieve_befor");
    }

    @Test
    void unsupportedFeaturesSaySo() {
        assertError("imapc_host = imap.example.com\n", 2, "Loft does not support imapc_host yet");
        assertError("mail_fsync = never\n", 2, "Loft does not support mail_fsync yet");
        assertError("mail_plugins = fts\n", 2, "Loft does not support the mail plugin fts yet");
        assertError("managesieve_url = sieve://example.com\n", 2, "Loft does not support managesieve_url yet");
        assertThat(load("protocols = imap sieve\n").protocols()).containsExactly("imap", "sieve");
        assertError("submission_relay_rawlog_dir = /tmp/raw\n", 2, "Loft does not support submission_relay_rawlog_dir");
        assertError("service quota-status {\n  inet_listener {\n    port = 12340\n  }\n}\n", 2,
                "Loft does not support the quota-status service yet");
        // the default value of an unsupported setting changes nothing and is accepted
        assertThat(warnings(load("mail_fsync = optimized\n"))).isEmpty();
    }

    @Test
    void tls13CipherSuitesCannotBeRestrictedAndSaySoAtTheirLine() {
        String why = "Loft does not support ssl_cipher_suites yet (only its default '' is accepted): the TLS library"
                + " serves TLS 1.3 with its fixed";
        assertError("ssl_cipher_suites = TLS_AES_256_GCM_SHA384\n", 2, why);
        assertError("local_name mail.example.com {\n  ssl_cipher_suites = TLS_CHACHA20_POLY1305_SHA256\n}\n", 3, why);
        assertThat(warnings(load("ssl_cipher_suites =\nlocal_name mail.example.com {\n  ssl_cipher_suites =\n}\n")))
                .isEmpty();
    }

    @Test
    void badValues() {
        assertError("first_valid_uid = many\n", 2, "first_valid_uid: Invalid number 'many'");
        assertError("disable_plaintext_auth = perhaps\n", 2, "Invalid boolean value 'perhaps'");
        assertError("auth_failure_delay = 2 fortnights\n", 2, "unknown unit 'fortnights'");
        assertError("imap_max_line_length = 64 lightyears\n", 2, "Invalid size");
        assertError("service auth {\n unix_listener x {\n  mode = 0999\n }\n}\n", 4, "Invalid file mode");
        assertError("service imap-login {\n inet_listener imap {\n  port = 70000\n }\n}\n", 4, "out of range");
        assertError("login_trusted_networks = 10.0.0.0/8 example.com\n", 2, "host names are not supported");
        assertError("protocol imap4 {\n}\n", 2, "Unknown protocol in filter: imap4");
        assertError("local mail.example.com {\n}\n", 2, "Invalid IP address");
    }

    @Test
    void processModelSettingsWarnOncePerSetting() {
        LoftConfig c = load("""
                service imap-login {
                  process_min_avail = 4
                  service_count = 0
                  vsz_limit = 1G
                }
                service pop3-login {
                  process_min_avail = 2
                  executable = pop3-login
                  chroot = login
                }
                service imap {
                  idle_kill = 1 hour
                }
                default_vsz_limit = 512M
                """);
        assertThat(warnings(c)).hasSize(7);
        assertThat(c.warnings()).filteredOn(w -> w.contains("process_min_avail")).singleElement()
                .asString().startsWith(dir.resolve("loft.conf") + ":3: ");
        assertThat(warnings(c)).allMatch(w -> w.contains("process model"));
    }

    @Test
    void processModelServicesAndFifoListenersWarn() {
        LoftConfig c = load("""
                service auth-worker {
                  user = root
                }
                service dict {
                  unix_listener dict {
                    mode = 0600
                  }
                }
                service anvil {
                  fifo_listener anvil {
                    mode = 0600
                  }
                }
                """);
        assertThat(c.warnings()).anyMatch(w -> w.contains("service auth-worker"))
                .anyMatch(w -> w.contains("service dict")).anyMatch(w -> w.contains("fifo_listener"));
        assertError("service imap-loginn {\n}\n", 2, "Unknown service: imap-loginn");
    }

    @Test
    void typedGettersWithDefaults() {
        Settings s = load("""
                auth_cache_size = 10M
                auth_cache_ttl = 5 mins
                mailbox_idle_check_interval = 1h
                auth_failure_delay = 2 secs
                first_valid_uid = 1000
                """).settings();
        assertThat(s.size("auth_cache_size")).isEqualTo(10L << 20);
        assertThat(s.duration("auth_cache_ttl")).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.duration("mailbox_idle_check_interval")).isEqualTo(Duration.ofHours(1));
        assertThat(s.duration("auth_failure_delay")).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.duration("auth_cache_negative_ttl")).isEqualTo(Duration.ofHours(1));
        assertThat(s.uint("first_valid_uid")).isEqualTo(1000);
        assertThat(s.uint("mail_max_userip_connections")).isEqualTo(10);
        assertThat(s.size("imap_max_line_length")).isEqualTo(65536);
        assertThat(s.string("pop3_uidl_format")).isEqualTo("%08Xu%08Xv");
        assertThat(s.location("first_valid_uid").line()).isEqualTo(6);
        assertThat(s.location("first_valid_gid").isBuiltIn()).isTrue();
        assertThatThrownBy(() -> s.string("no_such_key")).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- filters ------------------------------------------------------------------------------

    @Test
    void mostSpecificFilterWins() throws Exception {
        LoftConfig c = load("""
                login_greeting = global
                protocol imap pop3 {
                  login_greeting = imap-or-pop3
                }
                remote 192.0.2.0/24 {
                  login_greeting = remote-net
                  protocol imap {
                    login_greeting = remote-net-imap
                  }
                }
                remote 192.0.2.7 {
                  login_greeting = remote-host
                }
                local 10.0.0.1 {
                  login_greeting = local
                }
                local_name mail.example.com {
                  login_greeting = sni
                }
                protocol !imap {
                  mail_max_userip_connections = 3
                }
                """);
        InetAddress net = InetAddress.getByName("192.0.2.9");
        InetAddress host = InetAddress.getByName("192.0.2.7");
        InetAddress other = InetAddress.getByName("198.51.100.1");
        InetAddress local = InetAddress.getByName("10.0.0.1");
        assertThat(greeting(c, new FilterContext(null, null, null, null))).isEqualTo("global");
        assertThat(greeting(c, new FilterContext("lmtp", null, other, null))).isEqualTo("global");
        assertThat(greeting(c, new FilterContext("pop3", null, other, null))).isEqualTo("imap-or-pop3");
        assertThat(greeting(c, new FilterContext("pop3", null, net, null))).isEqualTo("remote-net");
        assertThat(greeting(c, new FilterContext("imap", null, net, null))).isEqualTo("remote-net-imap");
        assertThat(greeting(c, new FilterContext("imap", null, host, null))).isEqualTo("remote-host");
        assertThat(greeting(c, new FilterContext("imap", local, host, null))).isEqualTo("local");
        assertThat(greeting(c, new FilterContext("imap", local, host, "MAIL.example.com"))).isEqualTo("sni");
        assertThat(c.settings("pop3").uint("mail_max_userip_connections")).isEqualTo(3);
        assertThat(c.settings("imap").uint("mail_max_userip_connections")).isEqualTo(10);
    }

    @Test
    void filtersThatDovecotWouldCallConflictingAreWarnedAbout() {
        LoftConfig conflicting = load("""
                protocol imap {
                  login_greeting = imap
                }
                remote 192.0.2.0/24 {
                  login_greeting = net
                }
                """);
        assertThat(warnings(conflicting)).singleElement().asString()
                .startsWith(dir.resolve("loft.conf") + ":6: login_greeting is also set in the protocol imap filter at "
                        + dir.resolve("loft.conf") + ":3");
        LoftConfig nested = load("""
                remote 192.0.2.0/24 {
                  login_greeting = net
                  protocol imap {
                    login_greeting = net-imap
                  }
                }
                protocol pop3 {
                  login_greeting = pop3
                }
                protocol !pop3 {
                  login_greeting = not-pop3
                }
                remote 198.51.100.0/24 {
                  login_greeting = other-net
                }
                """);
        // a network against a protocol filter conflicts (as in Dovecot); nested filters are supersets,
        // pop3 and !pop3 never meet, nor do two disjoint networks
        String f = dir.resolve("loft.conf") + ":";
        assertThat(warnings(nested)).extracting(w -> w.substring(0, w.indexOf(" is also")))
                .containsExactlyInAnyOrder(f + "3: login_greeting", f + "3: login_greeting",
                        f + "15: login_greeting", f + "15: login_greeting");
    }

    @Test
    void localNameWildcardsAndLists() {
        LoftConfig c = load("""
                local_name *.example.com mail.example.org {
                  login_greeting = named
                }
                """);
        assertThat(greeting(c, FilterContext.protocol("imap").withLocalName("IMAP.example.com"))).isEqualTo("named");
        assertThat(greeting(c, FilterContext.protocol("imap").withLocalName("mail.example.org"))).isEqualTo("named");
        assertThat(greeting(c, FilterContext.protocol("imap").withLocalName("a.b.example.com"))).isEqualTo("Loft ready.");
        assertThat(greeting(c, FilterContext.protocol("imap").withLocalName("example.com"))).isEqualTo("Loft ready.");
    }

    private static String greeting(LoftConfig c, FilterContext ctx) {
        return c.settings(ctx).string("login_greeting");
    }

    @Test
    void pluginSettingsMergeAndFilter() {
        LoftConfig c = load("""
                plugin {
                  quota = maildir:User quota
                  quota_rule = *:storage=1G
                }
                plugin {
                  quota_rule2 = Trash:storage=+100M
                }
                protocol lmtp {
                  plugin {
                    sieve_before = /etc/loft/sieve/before.sieve
                  }
                }
                """);
        Settings imap = c.settings("imap");
        assertThat(imap.plugin("quota")).isEqualTo("maildir:User quota");
        assertThat(imap.pluginValues().keySet()).containsExactly("quota", "quota_rule", "quota_rule2");
        assertThat(imap.plugin("sieve_before")).isEmpty();
        assertThat(c.settings("lmtp").plugin("sieve_before")).isEqualTo("/etc/loft/sieve/before.sieve");
        assertThat(c.sections("plugin")).hasSize(1);
    }

    @Test
    void topLevelOnlySettingsRejectedInFilters() {
        assertError("protocol imap {\n  base_dir = /tmp\n}\n", 3, "can only be set at the top level");
    }

    @Test
    void perSniCertificates() {
        ConfigFiles.write(dir, "a.pem", "-----BEGIN CERTIFICATE-----\nA\n-----END CERTIFICATE-----\n");
        ConfigFiles.write(dir, "a.key", "-----BEGIN PRIVATE KEY-----\nA\n-----END PRIVATE KEY-----\n");
        ConfigFiles.write(dir, "b.pem", "-----BEGIN CERTIFICATE-----\nB\n-----END CERTIFICATE-----\n");
        ConfigFiles.write(dir, "b.key", "-----BEGIN PRIVATE KEY-----\nB\n-----END PRIVATE KEY-----\n");
        LoftConfig c = load("""
                ssl_cert = <a.pem
                ssl_key = <a.key
                local_name imap.example.org {
                  ssl_cert = <b.pem
                  ssl_key = <b.key
                }
                """);
        assertThat(c.ssl().certPem()).contains("\nA\n");
        assertThat(c.ssl(FilterContext.protocol("imap").withLocalName("imap.example.org")).certPem()).contains("\nB\n");
    }

    @Test
    void tlsSettingsPerLocalNameMaskInConfigurationOrder() {
        ConfigFiles.write(dir, "a.pem", "-----BEGIN CERTIFICATE-----\nA\n-----END CERTIFICATE-----\n");
        ConfigFiles.write(dir, "a.key", "-----BEGIN PRIVATE KEY-----\nA\n-----END PRIVATE KEY-----\n");
        ConfigFiles.write(dir, "b.pem", "-----BEGIN CERTIFICATE-----\nB\n-----END CERTIFICATE-----\n");
        ConfigFiles.write(dir, "b.key", "-----BEGIN PRIVATE KEY-----\nB\n-----END PRIVATE KEY-----\n");
        LoftConfig c = load("""
                ssl_cert = <a.pem
                ssl_key = <a.key
                local_name Mail.Example.com *.example.org {
                  ssl_cert = <b.pem
                  ssl_key = <b.key
                }
                local_name imap.example.net {
                  ssl_min_protocol = TLSv1.3
                }
                local_name pop.example.net {
                  login_greeting = not about TLS
                }
                """);
        var byName = c.sslByLocalName();
        assertThat(byName.keySet()).containsExactly("mail.example.com", "*.example.org", "imap.example.net");
        assertThat(byName.get("*.example.org").certPem()).contains("\nB\n");
        assertThat(byName.get("imap.example.net").certPem()).contains("\nA\n");
        assertThat(byName.get("imap.example.net").minProtocol()).isEqualTo("TLSv1.3");
        assertThat(c.ssl().minProtocol()).isEqualTo("TLSv1.2");
    }

    @Test
    void aBadTlsValueInALocalNameBlockNamesItsLine() {
        assertError("""
                local_name mail.example.com {
                  ssl_cert = /etc/ssl/mail.pem
                }
                """, 3, "did you forget '<'");
    }

    @Test
    void sslChecks() {
        assertError("ssl_cert = /etc/ssl/cert.pem\n", 2, "did you forget '<'");
        assertThat(load("ssl_min_protocol = TLSv1.3\n").ssl().minProtocol()).isEqualTo("TLSv1.3");
        LoftConfig old = load("ssl_min_protocol = TLSv1\n");
        assertThat(old.ssl().minProtocol()).isEqualTo("TLSv1.2");
        assertThat(warnings(old)).singleElement().asString().contains("below Loft's floor");
        assertThat(load("ssl_protocols = !SSLv3 !TLSv1 !TLSv1.1 !TLSv1.2\n").ssl().minProtocol()).isEqualTo("TLSv1.3");
        assertError("ssl_protocols = !SSLv2 !TLSv9\n", 2, "Unknown protocol 'TLSv9'");
    }

    @Test
    void untypedFilesForSideConfiguration() {
        Path sql = ConfigFiles.write(dir, "dovecot-sql.conf.ext", """
                driver = pgsql
                connect = host=127.0.0.1 dbname=test user=postgres
                default_pass_scheme = SHA512-CRYPT
                password_query = SELECT username AS user, password \\
                  FROM mailbox WHERE username = '%u' AND active = '1'
                """);
        ConfigSection root = ConfigParser.parseUntyped(sql).root();
        assertThat(root.string("driver")).isEqualTo("pgsql");
        assertThat(root.string("password_query"))
                .isEqualTo("SELECT username AS user, password FROM mailbox WHERE username = '%u' AND active = '1'");
        assertThat(root.location("password_query").line()).isEqualTo(4);
    }

    @Test
    void badBytesAndHugeInputDoNotCrash() throws Exception {
        java.nio.file.Files.write(dir.resolve("loft.conf"), new byte[] {'s', 's', 'l', '=', (byte) 0xff, '\n'});
        assertThatThrownBy(() -> LoftConfig.load(dir.resolve("loft.conf"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid UTF-8");
        assertThatThrownBy(() -> LoftConfig.load(dir.resolve("nope.conf"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("No such file");
    }
}
