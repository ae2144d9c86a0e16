package org.loftmail.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian 13's stock Dovecot 2.4 configuration (a fresh install of dovecot-core, -imapd, -pop3d and -lmtpd), unpacked
 * from trixie's packages by {@code scripts/fetch-dovecot-reference-2.4} (run by scripts/install-test-deps), loads
 * unchanged. The script points the absolute paths the files name into the unpacked tree and generates the
 * certificate files a fresh install makes; the test works on a temporary copy.
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

    /**
     * The one line of the stock files Loft refuses: {@code mail_home}, which Loft does not have yet (issue 18's
     * second part). When it lands, this test fails and {@link #debian13StockConfigurationLoads} stops removing it.
     */
    @Test
    void theOnlyRefusalIsMailHome() throws IOException {
        Path main = stockCopy();
        assertThatThrownBy(() -> LoftConfig.load(main)).isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("10-mail.conf:" + mailHomeLine(main) + ": Loft does not support mail_home yet"
                        + " (only its default '' is accepted)");
    }

    @Test
    void debian13StockConfigurationLoads() throws IOException {
        Path main = stockCopy();
        Path mail = main.resolveSibling("conf.d/10-mail.conf");
        Files.writeString(mail, Files.readString(mail).replace("\nmail_home =", "\n#mail_home ="));
        LoftConfig c = LoftConfig.load(main);

        assertThat(c.settings().string("mail_location")).isEqualTo("mbox:~/mail:INBOX=/var/mail/%u");
        assertThat(c.sections("passdb")).extracting(p -> p.string("driver")).containsExactly("pam");
        assertThat(c.sections("userdb")).extracting(p -> p.string("driver")).containsExactly("passwd");
        assertThat(c.ssl().mode()).isEqualTo(SslSettings.Mode.YES);
        assertThat(c.ssl().certPem()).contains("BEGIN CERTIFICATE");
        assertThat(c.sections("namespace").get(0).children("mailbox")).extracting(ConfigSection::name)
                .contains("Drafts", "Junk", "Trash", "Sent", "Sent Messages");
        assertThat(c.protocols()).containsExactlyInAnyOrder("imap", "pop3", "lmtp");
        assertThat(c.settings().string("auth_username_format")).isEqualTo("%Lu");
    }

    private static int mailHomeLine(Path main) throws IOException {
        var lines = Files.readAllLines(main.resolveSibling("conf.d/10-mail.conf"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("mail_home =")) {
                return i + 1;
            }
        }
        throw new AssertionError("Debian's 10-mail.conf no longer sets mail_home");
    }
}
