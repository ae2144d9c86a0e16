package org.loftmail.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.loftmail.server.DemoTest.freePort;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.auth.nativeos.SystemAccounts;

/**
 * Debian 12's stock Dovecot configuration — {@code mail_location = mbox:~/mail:INBOX=/var/mail/%u}, PAM and
 * passwd — logs a system user in and serves their spool (before issue 14 every login failed with a server error).
 * Only what must differ on a test machine is appended: the base directory, the log and the listener ports. The
 * user is made for the test (useradd + chpasswd); their spool is the real {@code /var/mail/<user>}, created by Loft
 * as the user, and removed afterwards.
 */
class StockDovecotMboxLoginTest {

    static final Path REFERENCE = Path.of("").toAbsolutePath().getParent().resolve(".cache/reference/dovecot-2.3/etc/dovecot");
    static final String USER = "loftmbox" + ProcessHandle.current().pid();
    static final String PASSWORD = "Stock" + ProcessHandle.current().pid() + "pw";

    @TempDir
    Path dir;

    private static void run(String stdin, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (stdin != null) p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " failed: " + out);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }

    @Test
    void debiansStockConfigurationLogsASystemUserIntoTheirMboxSpool() throws Exception {
        assumeTrue(SystemAccounts.isRoot(), "needs root to create a system user; skipped");
        assumeTrue(Files.isReadable(REFERENCE.resolve("dovecot.conf")), "Debian's stock configuration is not unpacked"
                + " (scripts/fetch-dovecot-reference); skipped");
        Path pam = Path.of("/etc/pam.d/dovecot");
        boolean ownPam = !Files.exists(pam);
        Path home = dir.resolve("home").resolve(USER);
        Path spool = Path.of("/var/mail", USER);
        Files.createDirectories(home.getParent());
        run(null, "useradd", "-m", "-d", home.toString(), "-s", "/usr/sbin/nologin", USER);
        try {
            run(USER + ":" + PASSWORD + "\n", "chpasswd");
            if (ownPam) Files.writeString(pam, "auth required pam_unix.so nodelay\naccount required pam_unix.so\n");
            Path etc = dir.resolve("dovecot");
            copy(REFERENCE, etc);
            // what dovecot-core's postinst generates on a fresh install (the unpacked tree has placeholders)
            var pair = org.loftmail.transport.SelfSignedCertificates.generate("mail.example.com");
            Files.writeString(etc.resolve("private/dovecot.pem"), pair.certPem());
            Files.writeString(etc.resolve("private/dovecot.key"), pair.keyPem());
            for (String f : new String[] {"conf.d/10-ssl.conf"}) {
                Path conf = etc.resolve(f);
                Files.writeString(conf, Files.readString(conf).replace(REFERENCE.toString(), etc.toString()));
            }
            int imaps = freePort();
            Files.createDirectories(dir.resolve("run"));
            Files.writeString(etc.resolve("dovecot.conf"), Files.readString(etc.resolve("dovecot.conf")) + """

                    # a test machine's differences: no system paths or ports
                    base_dir = %s
                    log_path = /dev/stderr
                    listen = 127.0.0.1
                    service imap-login {
                      inet_listener imap {
                        port = 0
                      }
                      inet_listener imaps {
                        port = %d
                      }
                    }
                    service pop3-login {
                      inet_listener pop3 {
                        port = 0
                      }
                      inet_listener pop3s {
                        port = 0
                      }
                    }
                    """.formatted(dir.resolve("run"), imaps));
            try (LoftServer server = LoftServer.start(etc.resolve("dovecot.conf"))) {
                Properties props = new Properties();
                props.put("mail.imaps.ssl.trust", "*");
                Session session = Session.getInstance(props);
                try (Store store = session.getStore("imaps")) {
                    store.connect("127.0.0.1", imaps, USER, PASSWORD);
                    Folder inbox = store.getFolder("INBOX");
                    inbox.open(Folder.READ_WRITE);
                    assertThat(inbox.getMessageCount()).isZero();
                    MimeMessage m = new MimeMessage(session);
                    m.setSubject("hello from the stock configuration");
                    m.setText("kept in /var/mail");
                    inbox.appendMessages(new Message[] {m});
                    assertThat(inbox.getMessageCount()).isEqualTo(1);
                    Folder sent = store.getFolder("Sent"); // the stock namespace names it (special_use, no auto)
                    assertThat(sent.create(Folder.HOLDS_MESSAGES)).isTrue();
                    inbox.close(false);
                }
            }
            assertThat(Files.readString(spool, StandardCharsets.ISO_8859_1))
                    .contains("Subject: hello from the stock configuration", "X-IMAPbase: ", "X-UID: 1\n");
            int uid = (Integer) Files.getAttribute(home, "unix:uid");
            assertThat((Integer) Files.getAttribute(spool, "unix:uid")).as("the spool belongs to the user").isEqualTo(uid);
            assertThat((Integer) Files.getAttribute(home.resolve("mail/.imap/INBOX"), "unix:uid")).isEqualTo(uid);
            assertThat((Integer) Files.getAttribute(home.resolve("mail/Sent"), "unix:uid")).isEqualTo(uid);
            assertThat(Files.readAttributes(spool, PosixFileAttributes.class).permissions()).hasSize(2); // rw-------
        } finally {
            if (ownPam) Files.deleteIfExists(pam);
            Files.deleteIfExists(spool);
            Files.deleteIfExists(Path.of("/var/mail", USER + ".lock"));
            run(null, "userdel", USER);
        }
    }
}
