package org.loftmail.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loftmail.server.DemoTest.freePort;
import static org.loftmail.server.DemoTest.imapCommand;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.testkit.mbox.MboxWriterProcess;

/**
 * A site on mbox, configured as the guides and Debian's stock configuration do
 * ({@code mail_location = mbox:~/mail:INBOX=/var/mail/%u}, here under a temporary directory): LMTP delivers into the
 * spool, Jakarta Mail and Python's imaplib read and change it over IMAP, a Postfix-style writer appends while a
 * session IDLEs (it hears the new message), and Python's poplib lists Dovecot's {@code %m} UIDLs.
 */
class MboxEndToEndTest {

    @TempDir
    Path dir;

    private Path start(int imap, int pop3, int lmtp) throws Exception {
        Files.createDirectories(dir.resolve("var/mail"));
        Files.createDirectories(dir.resolve("run"));
        Files.createDirectories(dir.resolve("home/jsmith"));
        Files.writeString(dir.resolve("users"), "jsmith:{PLAIN}secret:::jsmith:" + dir.resolve("home/jsmith") + "::\n");
        Path config = dir.resolve("loft.conf");
        Files.writeString(config, """
                protocols = imap pop3 lmtp
                listen = 127.0.0.1
                base_dir = %1$s/run
                ssl = no
                disable_plaintext_auth = no
                log_path = /dev/stderr
                mail_location = mbox:~/mail:INBOX=%1$s/var/mail/%%u
                pop3_uidl_format = %%m
                mbox_lock_timeout = 2 secs
                passdb {
                  driver = passwd-file
                  args = %1$s/users
                }
                userdb {
                  driver = passwd-file
                  args = %1$s/users
                }
                namespace inbox {
                  inbox = yes
                  separator = /
                }
                service imap-login {
                  inet_listener imap {
                    port = %2$d
                  }
                  inet_listener imaps {
                    port = 0
                  }
                }
                service pop3-login {
                  inet_listener pop3 {
                    port = %3$d
                  }
                  inet_listener pop3s {
                    port = 0
                  }
                }
                service lmtp {
                  inet_listener lmtp {
                    port = %4$d
                  }
                }
                """.formatted(dir, imap, pop3, lmtp));
        return config;
    }

    private static String lmtp(int port, String message) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            assertThat(in.readLine()).startsWith("220 ");
            out.write("LHLO test\r\nMAIL FROM:<alice@example.com>\r\nRCPT TO:<jsmith>\r\nDATA\r\n".getBytes(StandardCharsets.US_ASCII));
            String line;
            while ((line = in.readLine()).startsWith("250-")) {
                // capabilities
            }
            assertThat(in.readLine()).startsWith("250");
            assertThat(in.readLine()).startsWith("250");
            assertThat(in.readLine()).startsWith("354");
            out.write((message + "\r\n.\r\nQUIT\r\n").getBytes(StandardCharsets.US_ASCII));
            return in.readLine();
        }
    }

    private static String python(String script, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("python3", "-c", script));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void anMboxSiteServesImapPop3AndLmtpAndHearsOtherWriters() throws Exception {
        int imap = freePort();
        int pop3 = freePort();
        int lmtpPort = freePort();
        Path spool = dir.resolve("var/mail/jsmith");
        try (LoftServer server = LoftServer.start(start(imap, pop3, lmtpPort))) {
            assertThat(lmtp(lmtpPort, "Received: from mx.example.net by vm id 7\r\nFrom: alice@example.com\r\n"
                    + "Subject: first\r\n\r\nHello\r\nFrom the start of a line\r\n")).startsWith("250 2.0.0");
            assertThat(lmtp(lmtpPort, "From: bob@example.com\r\nSubject: second\r\nX-UID: 1\r\nStatus: RO\r\n\r\nHi")).startsWith("250 2.0.0");
            String onDisk = Files.readString(spool, StandardCharsets.ISO_8859_1);
            assertThat(onDisk).startsWith("From alice@example.com  ").contains("X-IMAPbase: ", "X-UID: 1\n", "X-UID: 2\n")
                    .doesNotContain("\r\n").contains("\nFrom the start of a line\n");

            // Jakarta Mail: flags, a folder under the root, an APPEND
            Session session = Session.getInstance(new Properties());
            try (Store store = session.getStore("imap")) {
                store.connect("127.0.0.1", imap, "jsmith", "secret");
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                assertThat(inbox.getMessageCount()).isEqualTo(2);
                assertThat(inbox.getMessage(1).getSubject()).isEqualTo("first");
                assertThat(inbox.getMessage(2).isSet(Flags.Flag.SEEN)).as("a forged Status header").isFalse();
                assertThat(inbox.getMessage(2).getHeader("X-UID")).isNull();
                inbox.getMessage(1).setFlag(Flags.Flag.FLAGGED, true);
                Folder work = store.getFolder("Work/Projects");
                assertThat(work.create(Folder.HOLDS_MESSAGES)).isTrue();
                MimeMessage m = new MimeMessage(session);
                m.setSubject("filed");
                m.setText("into a folder");
                work.appendMessages(new Message[] {m});
                inbox.close(false);
            }
            assertThat(dir.resolve("home/jsmith/mail/Work/Projects")).isRegularFile();
            assertThat(Files.readString(dir.resolve("home/jsmith/mail/Work/Projects"))).contains("Subject: filed");

            // a session IDLEs while a Postfix-style writer (dot-lock + fcntl) appends to the spool
            try (Socket s = new Socket("127.0.0.1", imap)) {
                s.setSoTimeout(10_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = s.getOutputStream();
                assertThat(in.readLine()).startsWith("* OK");
                assertThat(imapCommand(in, out, "a", "LOGIN jsmith secret")).startsWith("a OK");
                assertThat(imapCommand(in, out, "b", "SELECT INBOX")).startsWith("b OK");
                out.write("c IDLE\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(in.readLine()).startsWith("+ ");
                try (MboxWriterProcess writer = MboxWriterProcess.start(spool, 1, "postfix", 0, dir)) {
                    assertThat(writer.finish(30)).containsExactly("postfix-1");
                }
                s.setSoTimeout(5_000);
                String pushed;
                try {
                    pushed = in.readLine();
                } catch (SocketTimeoutException e) {
                    pushed = "(nothing within 5 seconds)";
                }
                assertThat(pushed).isEqualTo("* 3 EXISTS");
                s.setSoTimeout(10_000);
                out.write("DONE\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String line;
                while (!(line = in.readLine()).startsWith("c ")) {
                    // RECENT
                }
                assertThat(line).startsWith("c OK");
                assertThat(imapCommand(in, out, "d", "LOGOUT")).startsWith("d OK");
            }

            // Python's imaplib: what it sees, and STORE/EXPUNGE that rewrite the spool
            String seen = python("""
                    import imaplib, sys
                    m = imaplib.IMAP4('127.0.0.1', int(sys.argv[1]))
                    m.login('jsmith', 'secret')
                    m.select('INBOX')
                    typ, data = m.uid('FETCH', '1:*', '(FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT X-UID STATUS)])')
                    for part in data:
                        if isinstance(part, tuple):
                            print(part[0].decode(), part[1].decode().strip().replace('\\r\\n', '|'))
                    m.uid('STORE', '2', '+FLAGS', '(\\\\Deleted)')
                    m.expunge()
                    print('LEFT', m.select('INBOX')[1][0].decode())
                    m.logout()
                    """, Integer.toString(imap));
            assertThat(seen).contains("UID 1 FLAGS (\\Flagged", "Subject: first").contains("Subject: postfix 1")
                    .doesNotContain("X-UID:", "Status:").contains("LEFT 2");
            assertThat(Files.readString(spool, StandardCharsets.ISO_8859_1)).doesNotContain("Subject: second")
                    .contains("X-UID: 3\n", "X-Status: F");

            // Python's poplib: UIDLs are Dovecot's %m, the MD5 of the header fields Dovecot hashes
            String uidls = python("""
                    import poplib, sys
                    p = poplib.POP3('127.0.0.1', int(sys.argv[1]))
                    p.user('jsmith'); p.pass_('secret')
                    for l in p.uidl()[1]: print(l.decode())
                    p.quit()
                    """, Integer.toString(pop3));
            // the header MD5 recomputed independently (Python) from the spool: LMTP's own Received and Delivered-To
            // come first, so it is not just the client's Received field
            String expected = python("""
                    import hashlib, sys
                    first = open(sys.argv[1], 'rb').read().split(b'\\n\\n', 1)[0].split(b'\\n')[1:]
                    h = hashlib.md5(); seen = False; inrecv = False; cur = None
                    for line in first:
                        cont = line[:1] in (b' ', b'\\t')
                        if not cont:
                            if inrecv:
                                inrecv = False; seen = True
                            cur = line.split(b':', 1)[0].strip().lower()
                            if cur == b'received' and not seen:
                                inrecv = True
                        if (cur in (b'date', b'message-id') and not seen) or (cur == b'received' and inrecv) \\
                                or cur in (b'delivered-to', b'x-delivery-id'):
                            h.update(line if cont else line.split(b':', 1)[1].lstrip(b' \\t'))
                    print(h.hexdigest())
                    """, spool.toString()).trim();
            assertThat(uidls.lines().toList()).hasSize(2).first().isEqualTo("1 " + expected);
            assertThat(uidls.lines().toList().get(1)).matches("2 [0-9a-f]{32}").isNotEqualTo("2 " + expected);

            // another program keeps the spool dot-locked past mbox_lock_timeout: a temporary NO, the file untouched
            Path lock = spool.resolveSibling("jsmith.lock");
            Files.writeString(lock, ProcessHandle.current().pid() + ":" + java.net.InetAddress.getLocalHost().getHostName().split("\\.")[0]);
            byte[] before = Files.readAllBytes(spool);
            String busy = python("""
                    import imaplib, sys
                    m = imaplib.IMAP4('127.0.0.1', int(sys.argv[1]))
                    m.login('jsmith', 'secret')
                    try:
                        print(m.append('INBOX', None, None, b'Subject: blocked\\r\\n\\r\\nx\\r\\n'))
                    except imaplib.IMAP4.error as e:
                        print('NO', e)
                    m.logout()
                    """, Integer.toString(imap));
            Files.delete(lock);
            assertThat(busy).contains("NO", "[INUSE] Timeout while waiting for lock");
            assertThat(Files.readAllBytes(spool)).isEqualTo(before);
        }
    }
}
