package org.loftmail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
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

/**
 * Issue 20, item 4: with {@code mail_location = maildir:…/vmail/%d/%n/Maildir} and a userdb that accepts any name,
 * {@code RCPT TO:<..@..>} delivered two levels above the mail root and {@code LOGIN x@..} wrote beside it. After
 * expansion no path component may be {@code .}, {@code ..} or empty: the user is refused with a temporary failure
 * and a log line that says why.
 */
class UserPathTraversalTest {

    @TempDir
    Path dir;
    Path vmail;
    Path log;
    int imap;
    int lmtp;

    @BeforeEach
    void setUp() throws Exception {
        vmail = dir.resolve("root/vmail");
        Files.createDirectories(vmail);
        log = dir.resolve("loft.log");
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
            imap = a.getLocalPort();
            lmtp = b.getLocalPort();
        }
        Files.writeString(dir.resolve("loft.conf"), """
                protocols = imap lmtp
                listen = 127.0.0.1
                base_dir = %1$s
                ssl = no
                disable_plaintext_auth = no
                log_path = %2$s
                info_log_path = %2$s
                auth_failure_delay = 0
                mail_location = maildir:%3$s/%%d/%%n/Maildir
                passdb {
                  driver = static
                  args = password=secret
                }
                userdb {
                  driver = static
                  args = uid=%4$d gid=%4$d allow_all_users=yes
                }
                service imap-login {
                  inet_listener imap {
                    port = %5$d
                  }
                }
                service lmtp {
                  inet_listener lmtp {
                    port = %6$d
                  }
                }
                """.formatted(dir, log, vmail, 5000, imap, lmtp));
    }

    @Test
    void lmtpRefusesARecipientWhoseNameClimbsOutOfTheMailRoot() throws Exception {
        try (LoftServer server = LoftServer.start(dir.resolve("loft.conf")); Socket s = new Socket("127.0.0.1", lmtp)) {
            BufferedReader in = lmtpTransaction(s);
            OutputStream out = s.getOutputStream();
            send(out, "RCPT TO:<..@..>");
            assertThat(in.readLine()).startsWith("451 4.3.0");
            send(out, "RCPT TO:<joe@example.com>");
            assertThat(in.readLine()).startsWith("250");
            send(out, "DATA");
            assertThat(in.readLine()).startsWith("354");
            send(out, "Subject: hi\r\n\r\nbody\r\n.");
            assertThat(in.readLine()).startsWith("250");
            send(out, "QUIT");
        }
        assertThat(dir.resolve("root/Maildir")).doesNotExist();
        assertThat(vmail.resolve("example.com/joe/Maildir/new")).isDirectory();
        assertThat(onlyUnder(vmail)).isTrue();
        assertThat(Files.readString(log)).contains("lmtp(..@..): Error: mail_location: path component '..' "
                + "in " + vmail + "/../../Maildir is not allowed: refusing the user");
    }

    @Test
    void imapLoginIsRefusedForANameThatClimbsOutOfTheMailRoot() throws Exception {
        try (LoftServer server = LoftServer.start(dir.resolve("loft.conf"))) {
            for (String user : new String[] {"x@..", "x@.", "@example.com"}) {
                assertThat(imapLogin(user)).containsExactly("* BYE Internal error occurred. Refer to server log for more information.");
            }
            assertThat(imapLogin("y@example.com").get(0)).startsWith("a OK");
        }
        assertThat(dir.resolve("root/x")).doesNotExist();
        assertThat(onlyUnder(vmail)).isTrue();
        String text = Files.readString(log);
        assertThat(text).contains("imap(x@..): Error: mail_location: path component '..' in " + vmail + "/../x/Maildir");
        assertThat(text).contains("imap(x@.): Error: mail_location: path component '.' in " + vmail + "/./x/Maildir");
        assertThat(text).contains("imap(@example.com): Error: mail_location: empty path component in " + vmail + "/example.com//Maildir");
    }

    /**
     * Issue 20: an IMAP login the server refuses after authentication answered {@code NO [SERVERBUG]}. Dovecot's
     * mail process writes {@code * BYE Internal error occurred…} and closes (imap/main.c), its log says why.
     */
    @Test
    void imapLoginWithAUidBelowFirstValidUidEndsAsDovecotsDoes() throws Exception {
        Path conf = dir.resolve("loft.conf");
        Files.writeString(conf, Files.readString(conf).replace("uid=5000 gid=5000", "uid=8 gid=8"));
        try (LoftServer server = LoftServer.start(conf)) {
            assertThat(imapLogin("mail@example.com"))
                    .containsExactly("* BYE Internal error occurred. Refer to server log for more information.");
        }
        String text = Files.readString(log);
        assertThat(text).contains("imap(mail@example.com): Error: Mail access for users with UID 8 "
                + "not permitted (see first_valid_uid in config file)");
        assertThat(text).contains("imap-login: Info: Disconnected: Internal login failure: user=<mail@example.com>");
        assertThat(text).doesNotContain("SERVERBUG");
    }

    /** A user the passdb accepts but no userdb knows: Dovecot's login process ends with an internal login failure. */
    @Test
    void imapLoginOfAUserNoUserdbKnowsIsAnInternalLoginFailure() throws Exception {
        Path conf = dir.resolve("loft.conf");
        Path users = dir.resolve("users");
        Files.writeString(users, "someone:{PLAIN}x:5000:5000::" + dir + "/someone::\n");
        Files.writeString(conf, Files.readString(conf).replace("""
                userdb {
                  driver = static
                  args = uid=5000 gid=5000 allow_all_users=yes
                }""", """
                userdb {
                  driver = passwd-file
                  args = %s
                }""".formatted(users)));
        try (LoftServer server = LoftServer.start(conf)) {
            assertThat(imapLogin("nobody@example.com")).containsExactly(
                    "* BYE [UNAVAILABLE] Internal login failure. Refer to server log for more information.");
        }
        assertThat(Files.readString(log)).contains("imap(nobody@example.com): Error: Authenticated user not found from userdb");
    }

    /** Logs in on a new connection and returns every line the server sent until it closed or answered the tag. */
    private List<String> imapLogin(String user) throws Exception {
        try (Socket s = new Socket("127.0.0.1", imap)) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("* OK");
            send(s.getOutputStream(), "a LOGIN \"" + user + "\" secret");
            List<String> lines = new ArrayList<>();
            for (String l = in.readLine(); l != null; l = in.readLine()) {
                lines.add(l);
                if (l.startsWith("a ")) {
                    break;
                }
            }
            return lines;
        }
    }

    /** Issue 20, item 10: a uid below first_valid_uid got LMTP 451 and no log line at all. */
    @Test
    void aUidBelowFirstValidUidIsLoggedAsDovecotDoes() throws Exception {
        Path conf = dir.resolve("loft.conf");
        Files.writeString(conf, Files.readString(conf).replace("uid=5000 gid=5000", "uid=8 gid=8"));
        try (LoftServer server = LoftServer.start(conf); Socket s = new Socket("127.0.0.1", lmtp)) {
            BufferedReader in = lmtpTransaction(s);
            OutputStream out = s.getOutputStream();
            send(out, "RCPT TO:<mail@example.com>");
            assertThat(in.readLine()).isEqualTo("451 4.3.0 <mail@example.com> Temporary internal error");
            send(out, "QUIT");
        }
        assertThat(Files.readString(log)).contains("lmtp(mail@example.com): Error: Mail access for users with UID 8 "
                + "not permitted (see first_valid_uid in config file)");
    }

    /** Greeting, LHLO and MAIL FROM answered; the reader is ready for RCPT's reply. */
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

    /** Nothing was created beside the mail root. */
    private boolean onlyUnder(Path root) throws Exception {
        try (Stream<Path> all = Files.list(root.getParent())) {
            return all.allMatch(root::equals);
        }
    }

    private static void send(OutputStream out, String line) throws Exception {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
