package org.loftmail.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian 12's stock Dovecot 2.3 configuration (a fresh install of dovecot-core, -imapd, -pop3d and -lmtpd) loads
 * unchanged. The files come from the packages themselves, unpacked by {@code scripts/fetch-dovecot-reference}
 * (run by scripts/install-test-deps), never from the machine's own Dovecot installation, which changes when other
 * dovecot-* packages are installed or an administrator edits it. They are copied to a temporary directory with the
 * certificate files a fresh install generates, and the absolute paths they name are pointed at the copy.
 */
class StockDovecotConfigTest {

    /** The unpacked packages: etc/dovecot and usr/share/dovecot as a fresh install leaves them. */
    static final Path REFERENCE = repositoryRoot().resolve(".cache/reference/dovecot-2.3");
    static final Path ETC = REFERENCE.resolve("etc/dovecot");

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        return Files.exists(dir.resolve("mvnw")) ? dir : dir.getParent();
    }

    @TempDir
    Path dir;

    @Test
    void debianStockConfigurationLoads() throws IOException {
        Path etc = prepare(REFERENCE.resolve("usr/share/dovecot/protocols.d"));
        LoftConfig c = LoftConfig.load(etc.resolve("dovecot.conf"));

        assertThat(c.settings().string("mail_location")).isEqualTo("mbox:~/mail:INBOX=/var/mail/%u");
        assertThat(c.sections("passdb")).extracting(p -> p.string("driver")).containsExactly("pam");
        assertThat(c.sections("userdb")).extracting(p -> p.string("driver")).containsExactly("passwd");
        assertThat(c.ssl().mode()).isEqualTo(SslSettings.Mode.YES);
        assertThat(c.ssl().certPem()).contains("BEGIN CERTIFICATE");
        assertThat(c.sections("namespace").get(0).children("mailbox")).extracting(ConfigSection::name)
                .contains("Drafts", "Junk", "Trash", "Sent", "Sent Messages");
        // Only warnings, one line each: the process-model and not-needed settings Debian sets.
        assertThat(c.warnings()).allMatch(w -> w.contains("mail_privileged_group") || w.contains("ssl_dh")
                || w.contains("ssl_client_ca_dir") || w.contains("protocols is empty"));
        // adm config -n and -a output of it loads again, to the same settings
        Path n = Files.writeString(dir.resolve("n.conf"), ConfigWriter.nonDefault(c));
        Path a = Files.writeString(dir.resolve("a.conf"), ConfigWriter.all(c));
        String all = ConfigWriter.all(c);
        assertThat(body(ConfigWriter.all(LoftConfig.load(n)))).isEqualTo(body(all));
        assertThat(body(ConfigWriter.all(LoftConfig.load(a)))).isEqualTo(body(all));
        assertThat(c.protocols()).containsExactlyInAnyOrder("imap", "pop3", "lmtp");
    }

    /**
     * The stock files in a temporary copy (the fetch script already pointed their absolute paths into the
     * unpacked tree and generated the certificates a fresh install makes), reading {@code protocolsDir} as the
     * directory of protocols.d files.
     */
    private Path prepare(Path protocolsDir) throws IOException {
        assumeTrue(Files.isReadable(ETC.resolve("dovecot.conf")) && Files.isDirectory(ETC.resolve("conf.d")),
                "Debian's stock Dovecot configuration is not unpacked in " + REFERENCE
                        + " (scripts/fetch-dovecot-reference could not download it); skipping");
        Path etc = dir.resolve("dovecot");
        copyTree(ETC, etc);
        Path main = etc.resolve("dovecot.conf");
        Files.writeString(main, Files.readString(main).replace(
                REFERENCE.resolve("usr/share/dovecot/protocols.d") + "/", protocolsDir + "/"));
        return etc;
    }

    /**
     * With dovecot-submissiond installed, its postinst adds {@code protocols = $protocols submission}: the
     * configuration still loads unchanged, and submission-login gets Dovecot's two listeners (587, and 465 with
     * implicit TLS).
     */
    @Test
    void debianStockConfigurationWithSubmissiondLoads() throws IOException {
        Path protocols = dir.resolve("protocols.d");
        Files.createDirectories(protocols);
        Path submissiond = REFERENCE.resolve("usr/share/dovecot/protocols.d-submissiond/submissiond.protocol");
        assumeTrue(Files.isReadable(submissiond), "dovecot-submissiond is not unpacked in " + REFERENCE);
        try (Stream<Path> files = Files.list(REFERENCE.resolve("usr/share/dovecot/protocols.d"))) {
            for (Path f : files.toList()) {
                Files.copy(f, protocols.resolve(f.getFileName()));
            }
        }
        Files.copy(submissiond, protocols.resolve("submissiond.protocol"));
        Path etc = prepare(protocols);

        LoftConfig c = LoftConfig.load(etc.resolve("dovecot.conf"));

        assertThat(c.protocols()).containsExactlyInAnyOrder("imap", "pop3", "lmtp", "submission");
        ServiceSettings login = c.service("submission-login").orElseThrow();
        assertThat(login.inetListeners()).extracting(InetListener::name, InetListener::port, InetListener::ssl)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("submission", 587, false),
                        org.assertj.core.groups.Tuple.tuple("submissions", 465, true));
        assertThat(c.warnings()).allMatch(w -> w.contains("mail_privileged_group") || w.contains("ssl_dh")
                || w.contains("ssl_client_ca_dir") || w.contains("protocols is empty"));
    }

    /**
     * With dovecot-managesieved installed, its conf.d/20-managesieve.conf is in place and its postinst adds
     * {@code protocols = $protocols sieve}: the configuration still loads unchanged, and managesieve-login gets
     * Pigeonhole's listener {@code sieve} on 4190.
     */
    @Test
    void debianStockConfigurationWithManagesievedLoads() throws IOException {
        Path protocols = dir.resolve("protocols.d");
        Files.createDirectories(protocols);
        Path managesieved = REFERENCE.resolve("usr/share/dovecot/protocols.d-managesieved/managesieved.protocol");
        Path conf = ETC.resolve("conf.d-managesieved/20-managesieve.conf");
        assumeTrue(Files.isReadable(managesieved) && Files.isReadable(conf),
                "dovecot-managesieved is not unpacked in " + REFERENCE);
        try (Stream<Path> files = Files.list(REFERENCE.resolve("usr/share/dovecot/protocols.d"))) {
            for (Path f : files.toList()) {
                Files.copy(f, protocols.resolve(f.getFileName()));
            }
        }
        Files.copy(managesieved, protocols.resolve("managesieved.protocol"));
        Path etc = prepare(protocols);
        Files.copy(conf, etc.resolve("conf.d/20-managesieve.conf"));

        LoftConfig c = LoftConfig.load(etc.resolve("dovecot.conf"));

        assertThat(c.protocols()).containsExactlyInAnyOrder("imap", "pop3", "lmtp", "sieve");
        ServiceSettings login = c.service("managesieve-login").orElseThrow();
        assertThat(login.inetListeners()).extracting(InetListener::name, InetListener::port, InetListener::ssl)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sieve", 4190, false));
        assertThat(c.warnings()).allMatch(w -> w.contains("mail_privileged_group") || w.contains("ssl_dh")
                || w.contains("ssl_client_ca_dir") || w.contains("protocols is empty"));
    }

    private static String body(String text) {
        return text.substring(text.indexOf('\n') + 1);
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (Files.isReadable(p) && Files.isRegularFile(p)) {
                    Files.copy(p, target);
                }
            }
        }
    }
}
