package org.loftmail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.lmtp.lda.LdaCommand;

/**
 * Issue 18: {@code mail_home} gives virtual users without a userdb home the usual layout
 * ({@code mail_home = …/vmail/%d/%n}, {@code mail_location = maildir:~/Maildir}); a userdb {@code home} field wins,
 * as in Dovecot. The home is used for the mail, the Sieve script at LMTP delivery, lda, ManageSieve (2.4) and the
 * IMAP login, written in Dovecot 2.3's and 2.4's language (2.4's Sieve storage as a {@code sieve_script personal}
 * block). The users come from a passwd-file whose joe has no home field.
 */
class MailHomeTest {

    @TempDir
    Path dir;
    Path vmail;
    Path log;
    int imap;
    int lmtp;
    int sieve;

    @BeforeEach
    void setUp() throws Exception {
        vmail = dir.resolve("vmail");
        log = dir.resolve("loft.log");
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0);
                ServerSocket c = new ServerSocket(0)) {
            imap = a.getLocalPort();
            lmtp = b.getLocalPort();
            sieve = c.getLocalPort();
        }
        Files.writeString(dir.resolve("users"), "joe@example.com:{PLAIN}secret:::::\n"
                + "ann@example.com:{PLAIN}secret::::" + dir.resolve("custom/ann") + "::\n");
    }

    @Test
    void dovecot23VirtualUsersLiveUnderMailHome() throws Exception {
        Path conf = write("""
                protocols = imap lmtp
                listen = 127.0.0.1
                base_dir = %1$s/run
                ssl = no
                disable_plaintext_auth = no
                log_path = %2$s
                mail_home = %3$s/%%d/%%n
                mail_location = maildir:~/Maildir
                lda_mailbox_autocreate = yes
                passdb {
                  driver = passwd-file
                  args = %1$s/users
                }
                userdb {
                  driver = passwd-file
                  args = %1$s/users
                }
                protocol lmtp {
                  mail_plugins = $mail_plugins sieve
                }
                plugin {
                  sieve = file:~/sieve;active=~/.dovecot.sieve
                }
                %4$s""");
        Files.createDirectories(vmail.resolve("example.com/joe"));
        Files.writeString(vmail.resolve("example.com/joe/.dovecot.sieve"),
                "require \"fileinto\";\nif header :contains \"Subject\" \"spam\" { fileinto \"Spam\"; }\n");
        try (LoftServer server = LoftServer.start(conf)) {
            deliver("joe@example.com", "Subject: spam offer");
            deliver("joe@example.com", "Subject: hello joe");
            deliver("ann@example.com", "Subject: hello ann");
            assertThat(imapMessages("joe@example.com", "INBOX")).isEqualTo(1);
            assertThat(imapMessages("joe@example.com", "Spam")).isEqualTo(1);
            assertThat(imapMessages("ann@example.com", "INBOX")).isEqualTo(1);
        }
        assertThat(holds(vmail.resolve("example.com/joe/Maildir"), "hello joe")).isTrue();
        assertThat(holds(vmail.resolve("example.com/joe/Maildir/.Spam"), "spam offer")).isTrue();
        assertThat(holds(dir.resolve("custom/ann/Maildir"), "hello ann")).isTrue();
        assertThat(vmail.resolve("example.com/ann")).doesNotExist();

        // lda reads the same configuration (no sieve in protocol lda): mail_home decides where it delivers
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LdaCommand.run(new String[] {"-c", conf.toString(), "-d", "joe@example.com", "-f", "a@example.com"},
                new ByteArrayInputStream("Subject: by lda\n\nbody\n".getBytes(StandardCharsets.US_ASCII)),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err), Lda::load);
        assertThat(code).as(err.toString()).isZero();
        assertThat(holds(vmail.resolve("example.com/joe/Maildir"), "by lda")).isTrue();
    }

    @Test
    void dovecot24VirtualUsersLiveUnderMailHome() throws Exception {
        Path conf = write("""
                dovecot_config_version = 2.4.1
                dovecot_storage_version = 2.4.0
                protocols {
                  imap = yes
                  lmtp = yes
                  sieve = yes
                }
                service managesieve-login {
                  inet_listener sieve {
                    port = %5$d
                  }
                }
                listen = 127.0.0.1
                base_dir = %1$s/run
                ssl = no
                auth_allow_cleartext = yes
                log_path = %2$s
                mail_home = %3$s/%%{user | domain}/%%{user | username}
                mail_driver = maildir
                mail_path = %%{home}/Maildir
                lda_mailbox_autocreate = yes
                passdb passwd-file {
                  passwd_file_path = %1$s/users
                }
                userdb passwd-file {
                  passwd_file_path = %1$s/users
                }
                protocol lmtp {
                  mail_plugins {
                    sieve = yes
                  }
                }
                sieve_script personal {
                  driver = file
                  path = ~/sieve
                  active_path = ~/.dovecot.sieve
                }
                %4$s""");
        try (LoftServer server = LoftServer.start(conf)) {
            putActiveScript("joe@example.com",
                    "require \"fileinto\";\nif header :contains \"Subject\" \"spam\" { fileinto \"Spam\"; }\n");
            deliver("joe@example.com", "Subject: spam offer");
            deliver("joe@example.com", "Subject: hello joe");
            deliver("ann@example.com", "Subject: hello ann");
            assertThat(imapMessages("joe@example.com", "INBOX")).isEqualTo(1);
            assertThat(imapMessages("joe@example.com", "Spam")).isEqualTo(1);
            assertThat(imapMessages("ann@example.com", "INBOX")).isEqualTo(1);
        }
        assertThat(holds(vmail.resolve("example.com/joe/Maildir/.Spam"), "spam offer")).isTrue();
        assertThat(holds(vmail.resolve("example.com/joe/Maildir"), "hello joe")).isTrue();
        assertThat(vmail.resolve("example.com/joe/sieve/main.sieve")).isRegularFile();
        assertThat(Files.readSymbolicLink(vmail.resolve("example.com/joe/.dovecot.sieve")))
                .isEqualTo(Path.of("sieve/main.sieve"));
        assertThat(holds(dir.resolve("custom/ann/Maildir"), "hello ann")).isTrue();
        assertThat(vmail.resolve("example.com/ann")).doesNotExist();
    }

    @Test
    void aRelativeMailHomeRefusesTheUserWithALogLine() throws Exception {
        Path conf = write("""
                protocols = imap lmtp
                listen = 127.0.0.1
                base_dir = %1$s/run
                ssl = no
                disable_plaintext_auth = no
                log_path = %2$s
                mail_home = vmail/%%d/%%n
                mail_location = maildir:~/Maildir
                passdb {
                  driver = passwd-file
                  args = %1$s/users
                }
                userdb {
                  driver = passwd-file
                  args = %1$s/users
                }
                %4$s""");
        try (LoftServer server = LoftServer.start(conf); Socket s = new Socket("127.0.0.1", lmtp)) {
            BufferedReader in = lmtpTransaction(s);
            send(s.getOutputStream(), "RCPT TO:<joe@example.com>");
            assertThat(in.readLine()).startsWith("451 4.3.0");
            send(s.getOutputStream(), "QUIT");
        }
        assertThat(Files.readString(log)).contains("lmtp(joe@example.com): Error: Relative home directory paths not"
                + " supported: vmail/example.com/joe");
    }

    private Path write(String template) throws Exception {
        String listeners = """
                service imap-login {
                  inet_listener imap {
                    port = %d
                  }
                }
                service lmtp {
                  inet_listener lmtp {
                    port = %d
                  }
                }
                """.formatted(imap, lmtp);
        Path conf = dir.resolve("loft.conf");
        Files.createDirectories(dir.resolve("run"));
        Files.writeString(conf, template.formatted(dir, log, vmail, listeners, sieve));
        return conf;
    }

    private void deliver(String rcpt, String header) throws Exception {
        try (Socket s = new Socket("127.0.0.1", lmtp)) {
            BufferedReader in = lmtpTransaction(s);
            OutputStream out = s.getOutputStream();
            send(out, "RCPT TO:<" + rcpt + ">");
            assertThat(in.readLine()).startsWith("250");
            send(out, "DATA");
            assertThat(in.readLine()).startsWith("354");
            send(out, header + "\r\n\r\nbody\r\n.");
            String reply = in.readLine();
            assertThat(reply).as(() -> rcpt + " " + header + ": " + logText()).startsWith("250");
            send(out, "QUIT");
        }
    }

    private String logText() {
        try {
            return Files.isReadable(log) ? Files.readString(log) : "(no log)";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    /** Uploads and activates a script over ManageSieve as the user (SASL PLAIN). */
    private void putActiveScript(String user, String script) throws Exception {
        try (Socket s = new Socket("127.0.0.1", sieve)) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            for (String l = in.readLine(); !l.startsWith("OK"); l = in.readLine()) { }
            String ir = java.util.Base64.getEncoder().encodeToString(("\0" + user + "\0secret")
                    .getBytes(StandardCharsets.UTF_8));
            send(out, "AUTHENTICATE \"PLAIN\" \"" + ir + "\"");
            assertThat(in.readLine()).isEqualTo("OK \"Logged in.\"");
            byte[] body = script.getBytes(StandardCharsets.UTF_8);
            send(out, "PUTSCRIPT \"main\" {" + body.length + "+}\r\n" + script + "\r\nSETACTIVE \"main\"\r\nLOGOUT");
            assertThat(in.readLine()).isEqualTo("OK \"PUTSCRIPT completed.\"");
            assertThat(in.readLine()).isEqualTo("OK \"Setactive completed.\"");
            assertThat(in.readLine()).isEqualTo("OK \"Logout completed.\"");
        }
    }

    /** The EXISTS count of a mailbox after an IMAP login as the user. */
    private int imapMessages(String user, String mailbox) throws Exception {
        try (Socket s = new Socket("127.0.0.1", imap)) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            assertThat(in.readLine()).startsWith("* OK");
            send(out, "a LOGIN " + user + " secret");
            assertThat(untilTagged(in, "a")).last().asString().startsWith("a OK");
            send(out, "b SELECT " + mailbox);
            List<String> lines = untilTagged(in, "b");
            assertThat(lines).last().asString().startsWith("b OK");
            send(out, "c LOGOUT");
            return lines.stream().filter(l -> l.matches("\\* \\d+ EXISTS"))
                    .mapToInt(l -> Integer.parseInt(l.split(" ")[1])).findFirst().orElseThrow();
        }
    }

    private static List<String> untilTagged(BufferedReader in, String tag) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String l = in.readLine(); l != null; l = in.readLine()) {
            lines.add(l);
            if (l.startsWith(tag + " ")) {
                break;
            }
        }
        return lines;
    }

    private static BufferedReader lmtpTransaction(Socket s) throws Exception {
        s.setSoTimeout(10_000);
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = s.getOutputStream();
        assertThat(in.readLine()).startsWith("220");
        send(out, "LHLO test");
        for (String l = in.readLine(); l.startsWith("250-"); l = in.readLine()) { }
        send(out, "MAIL FROM:<a@example.com>");
        assertThat(in.readLine()).startsWith("250");
        return in;
    }

    private static boolean holds(Path maildirFolder, String text) throws Exception {
        if (!Files.isDirectory(maildirFolder.resolve("new"))) {
            return false;
        }
        try (Stream<Path> files = Stream.concat(Files.list(maildirFolder.resolve("new")),
                Files.list(maildirFolder.resolve("cur")))) {
            return files.anyMatch(f -> {
                try {
                    return Files.readString(f).contains(text);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    private static void send(OutputStream out, String line) throws Exception {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
