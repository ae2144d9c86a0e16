package org.loftmail.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian 13's stock Dovecot 2.4 configuration (a fresh install of dovecot-core, -imapd, -pop3d, -lmtpd, and -sieve and
 * -managesieved when the mirror has them), unpacked from trixie's packages by
 * {@code scripts/fetch-dovecot-reference-2.4} (run by scripts/install-test-deps), loads unchanged, its {@code mail_home} line included. The script points the absolute paths the files name into the
 * unpacked tree and generates the certificate files a fresh install makes; the test works on a temporary copy.
 */
class StockDovecot24ConfigTest {

    static final Path REFERENCE = StockDovecotConfigTest.REFERENCE.resolveSibling("dovecot-2.4");
    static final Path ETC = REFERENCE.resolve("etc/dovecot");

    @TempDir
    Path dir;

    /** The stock files in a temporary directory; the main file. */
    Path stockCopy() throws IOException {
        assumeTrue(Files.isReadable(ETC.resolve("dovecot.conf")) && Files.isDirectory(ETC.resolve("conf.d")),
                "Debian 13's stock Dovecot 2.4 configuration is not unpacked in " + REFERENCE
                        + " (scripts/fetch-dovecot-reference-2.4 could not download it); skipping");
        Path etc = dir.resolve("dovecot");
        StockDovecotConfigTest.copyTree(ETC, etc);
        Path main = etc.resolve("dovecot.conf");
        return main;
    }

    @Test
    void debian13StockConfigurationLoads() throws IOException {
        Path main = stockCopy();
        LoftConfig c = LoftConfig.load(main);

        assertThat(c.settings().string("mail_location")).isEqualTo("mbox:~/mail:INBOX=/var/mail/%u");
        assertThat(c.settings().string("mail_home")).isEqualTo("/home/%n");
        assertThat(c.sections("passdb")).extracting(p -> p.string("driver")).containsExactly("pam");
        assertThat(c.sections("userdb")).extracting(p -> p.string("driver")).containsExactly("passwd");
        assertThat(c.ssl().mode()).isEqualTo(SslSettings.Mode.YES);
        assertThat(c.ssl().certPem()).contains("BEGIN CERTIFICATE");
        assertThat(c.sections("namespace").get(0).children("mailbox")).extracting(ConfigSection::name)
                .contains("Drafts", "Junk", "Trash", "Sent", "Sent Messages");
        if (unpacked("dovecot-managesieved")) {
            assertThat(c.protocols()).containsExactlyInAnyOrder("imap", "pop3", "lmtp", "sieve");
            assertThat(c.settings("sieve").string("managesieve_max_line_length")).isEqualTo("65536");
        } else {
            assertThat(c.protocols()).containsExactlyInAnyOrder("imap", "pop3", "lmtp");
        }
        if (unpacked("dovecot-sieve")) {
            assertThat(Files.readString(main.resolveSibling("conf.d/90-sieve.conf"))).contains("sieve_script");
            assertThat(c.settings().plugin("sieve")).isEqualTo("file:~/sieve;active=~/.dovecot.sieve");
        }
        assertThat(c.settings().string("auth_username_format")).isEqualTo("%Lu");
    }

    /** Whether scripts/fetch-dovecot-reference-2.4 could unpack this optional package. */
    private static boolean unpacked(String pkg) throws IOException {
        Path list = REFERENCE.resolve("PACKAGES");
        return Files.isReadable(list) && Files.readAllLines(list).stream().anyMatch(l -> l.startsWith(pkg + "_"));
    }
}
