package org.loftmail.core.config.v24;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loftmail.core.config.ConfigWriter;
import org.loftmail.core.config.LoftConfig;

/**
 * Pairs of a Dovecot 2.3 snippet and its Dovecot 2.4 equivalent (written as each version's documentation writes
 * it) load to the same settings: the whole tree {@code adm config -a} prints, and so every record bound from it.
 * Together the rows make a typical virtual-mail site (passwd-file/static auth, Postfix sockets, quota, TLS).
 * {@code @DIR@} stands for the test's directory, which holds a certificate and key.
 */
class Dovecot24EquivalenceTest {

    private static final String V240 = "dovecot_config_version = 2.4.0\ndovecot_storage_version = 2.4.0\n";

    @TempDir
    Path dir;

    static Stream<Arguments> pairs() {
        return Stream.of(
                Arguments.of("passwd-file passdb with a default scheme",
                        "passdb {\n  driver = passwd-file\n  args = scheme=SHA512-CRYPT /etc/dovecot/users\n}\n",
                        "passdb passwd-file {\n  passwd_file_path = /etc/dovecot/users\n"
                                + "  default_password_scheme = SHA512-CRYPT\n}\n"),
                Arguments.of("pam passdb, driver from the block's name, prefixed and plain driver settings",
                        "passdb {\n  driver = pam\n  args = session=yes max_requests=50 dovecot2\n}\n",
                        "passdb pam {\n  passdb_pam_session = yes\n  max_requests = 50\n"
                                + "  pam_service_name = dovecot2\n}\n"),
                Arguments.of("named block with an explicit driver and common settings",
                        "passdb {\n  driver = passwd-file\n  args = /etc/dovecot/masters\n  master = yes\n"
                                + "  result_success = continue\n}\n",
                        "passdb masters {\n  driver = passwd-file\n  passwd_file_path = /etc/dovecot/masters\n"
                                + "  master = yes\n  result_success = continue\n}\n"),
                Arguments.of("static userdb fields with variable pipelines",
                        "userdb {\n  driver = static\n  args = uid=vmail gid=vmail home=/var/vmail/%d/%n\n}\n",
                        "userdb static {\n  fields {\n    uid = vmail\n    gid = vmail\n"
                                + "    home = /var/vmail/%{user | domain}/%{user | username}\n  }\n}\n"),
                Arguments.of("passdb fields: override and :default",
                        "passdb {\n  driver = passwd-file\n  args = /etc/dovecot/users\n"
                                + "  override_fields = nopassword=y\n  default_fields = userdb_quota_rule=*:storage=1G\n}\n",
                        "passdb passwd-file {\n  passwd_file_path = /etc/dovecot/users\n  fields {\n"
                                + "    nopassword = y\n    userdb_quota_rule:default = *:storage=1G\n  }\n}\n"),
                Arguments.of("mail location from mail_driver and the path settings",
                        "mail_location = maildir:~/Maildir:LAYOUT=fs:INDEX=/var/index/%u:CONTROL=/var/control/%n\n",
                        "mail_driver = maildir\nmail_path = %{home}/Maildir\nmailbox_list_layout = fs\n"
                                + "mail_index_path = /var/index/%{user}\nmail_control_path = /var/control/%{user | username}\n"),
                Arguments.of("mail_home for virtual users, with the mail under it",
                        "mail_home = /var/vmail/%d/%n\nmail_location = maildir:~/Maildir\n",
                        "mail_home = /var/vmail/%{user | domain}/%{user | username}\nmail_driver = maildir\n"
                                + "mail_path = %{home}/Maildir\n"),
                Arguments.of("mbox with an inbox path (Debian's stock layout)",
                        "mail_location = mbox:~/mail:INBOX=/var/mail/%u\n",
                        "mail_driver = mbox\nmail_path = %{home}/mail\nmail_inbox_path = /var/mail/%{user}\n"),
                Arguments.of("boolean lists; a filter's block adds to the global list",
                        "protocols = imap lmtp\nmail_plugins = quota\nprotocol imap {\n"
                                + "  mail_plugins = $mail_plugins imap_quota\n}\n",
                        "protocols {\n  imap = yes\n  lmtp = yes\n}\nmail_plugins {\n  quota = yes\n}\n"
                                + "protocol imap {\n  mail_plugins {\n    imap_quota = yes\n  }\n}\n"),
                Arguments.of("$SET: names an earlier value",
                        "mail_plugins = quota\nprotocol imap {\n  mail_plugins = $mail_plugins imap_quota\n}\n",
                        "mail_plugins = quota\nprotocol imap {\n  mail_plugins = $SET:mail_plugins imap_quota\n}\n"),
                Arguments.of("$SET:x inside a filter names the value around it",
                        "login_greeting = Hi\nprotocol imap {\n  login_greeting = $login_greeting there\n}\n",
                        "login_greeting = Hi\nprotocol imap {\n  login_greeting = $SET:login_greeting there\n}\n"),
                Arguments.of("renamed authentication settings and a lowered username",
                        "disable_plaintext_auth = no\nauth_default_realm = example.com\nauth_username_format = %Ln\n",
                        "auth_allow_cleartext = yes\nauth_default_domain = example.com\n"
                                + "auth_username_format = %{user | username | lower}\n"),
                Arguments.of("TLS files and cipher preference",
                        "ssl = required\nssl_cert = <@DIR@/cert.pem\nssl_key = <@DIR@/key.pem\n"
                                + "ssl_prefer_server_ciphers = yes\n",
                        "ssl = required\nssl_server_cert_file = @DIR@/cert.pem\nssl_server_key_file = @DIR@/key.pem\n"
                                + "ssl_server_prefer_ciphers = server\n"),
                Arguments.of("debug logging",
                        "mail_debug = yes\nauth_debug = yes\n",
                        "log_debug = category=mail OR category=auth\n"),
                Arguments.of("services: Postfix sockets and the request count",
                        "service auth {\n  unix_listener /var/spool/postfix/private/auth {\n    mode = 0660\n"
                                + "    user = postfix\n    group = postfix\n  }\n}\nservice lmtp {\n"
                                + "  unix_listener /var/spool/postfix/private/dovecot-lmtp {\n    mode = 0600\n"
                                + "    user = postfix\n  }\n}\nservice imap-login {\n  service_count = 1\n}\n",
                        "service auth {\n  unix_listener /var/spool/postfix/private/auth {\n    mode = 0660\n"
                                + "    user = postfix\n    group = postfix\n  }\n}\nservice lmtp {\n"
                                + "  unix_listener /var/spool/postfix/private/dovecot-lmtp {\n    mode = 0600\n"
                                + "    user = postfix\n  }\n}\nservice imap-login {\n  restart_request_count = 1\n}\n"),
                Arguments.of("quota blocks",
                        "mail_plugins = quota\nplugin {\n  quota = count:User quota\n"
                                + "  quota_rule = *:storage=1G:messages=1000\n}\n",
                        "mail_plugins {\n  quota = yes\n}\nquota \"User quota\" {\n  quota_storage_size = 1G\n"
                                + "  quota_message_count = 1000\n}\n"),
                Arguments.of("Sieve storages of every type, in precedence order, and the renamed Sieve settings",
                        "mail_plugins = quota sieve\nplugin {\n  quota = count:User quota\n"
                                + "  sieve = file:~/sieve;active=~/.dovecot.sieve\n"
                                + "  sieve_before = file:/etc/sieve/first.sieve\n"
                                + "  sieve_before2 = file:/etc/sieve/before.d/;bindir=/var/lib/sieve\n"
                                + "  sieve_after = file:/etc/sieve/after/%u\n"
                                + "  sieve_default = file:/etc/sieve/default.sieve\n"
                                + "  sieve_discard = file:/etc/sieve/discard.sieve\n"
                                + "  sieve_global = file:/etc/sieve/global/\n"
                                + "  sieve_quota_max_scripts = 10\n  sieve_quota_max_storage = 1M\n"
                                + "  sieve_extensions = +imapflags -vacation\n  sieve_global_extensions = +vnd.dovecot.debug\n"
                                + "  sieve_max_redirects = 8\n  sieve_vacation_min_period = 1h\n}\n",
                        "mail_plugins {\n  quota = yes\n  sieve = yes\n}\nquota \"User quota\" {\n}\n"
                                + "sieve_script personal {\n  driver = file\n  path = ~/sieve\n"
                                + "  active_path = ~/.dovecot.sieve\n}\n"
                                + "sieve_script later {\n  type = before\n  path = /etc/sieve/before.d/\n"
                                + "  bin_path = /var/lib/sieve\n  precedence = 20\n}\n"
                                + "sieve_script first {\n  sieve_script_type = before\n"
                                + "  sieve_script_path = /etc/sieve/first.sieve\n  sieve_script_precedence = 10\n}\n"
                                + "sieve_script after {\n  type = after\n  path = /etc/sieve/after/%{user}\n}\n"
                                + "sieve_script default {\n  type = default\n  path = /etc/sieve/default.sieve\n}\n"
                                + "sieve_script discard {\n  type = discard\n  path = /etc/sieve/discard.sieve\n}\n"
                                + "sieve_script global {\n  type = global\n  path = /etc/sieve/global/\n}\n"
                                + "sieve_quota_script_count = 10\nsieve_quota_storage_size = 1M\n"
                                + "sieve_extensions {\n  imapflags = yes\n  vacation = no\n}\n"
                                + "sieve_global_extensions {\n  vnd.dovecot.debug = yes\n}\n"
                                + "sieve_max_redirects = 8\nsieve_vacation_min_period = 1h\n"),
                Arguments.of("a repeated sieve_script block adds to the storage; an assigned extension list",
                        "plugin {\n  sieve = file:/var/sieve/%u;active=/var/sieve/%u.active\n"
                                + "  sieve_extensions = fileinto vacation imapflags\n}\n",
                        "sieve_script personal {\n  path = /var/sieve/%{user}\n}\n"
                                + "sieve_script personal {\n  active_path = /var/sieve/%{user}.active\n}\n"
                                + "sieve_extensions = fileinto reject vacation\n"
                                + "sieve_extensions {\n  reject = no\n  imapflags = yes\n}\n"),
                Arguments.of("hashed directory: md5 | hexlify | substr",
                        "mail_location = maildir:/var/vmail/%1Mu/%u\n",
                        "mail_driver = maildir\nmail_path = /var/vmail/%{user | md5 | hexlify | substr(0, 1)}/%{user}\n"),
                Arguments.of("namespaces and special-use mailboxes",
                        "namespace inbox {\n  inbox = yes\n  separator = /\n  mailbox \"Sent Messages\" {\n"
                                + "    special_use = \\Sent\n    auto = subscribe\n  }\n}\n",
                        "namespace inbox {\n  inbox = yes\n  separator = /\n  mailbox \"Sent Messages\" {\n"
                                + "    special_use = \\Sent\n    auto = subscribe\n  }\n}\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void theSameSettings(String what, String dovecot23, String dovecot24) throws IOException {
        Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\nA\n-----END CERTIFICATE-----\n");
        Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nA\n-----END PRIVATE KEY-----\n");
        LoftConfig old = load("a23.conf", dovecot23);
        LoftConfig now = load("a24.conf", V240 + dovecot24);
        assertThat(body(ConfigWriter.all(now))).isEqualTo(body(ConfigWriter.all(old)));
    }

    private LoftConfig load(String name, String text) throws IOException {
        return LoftConfig.load(Files.writeString(dir.resolve(name), text.replace("@DIR@", dir.toString())));
    }

    private static String body(String text) {
        return text.substring(text.indexOf('\n') + 1);
    }
}
