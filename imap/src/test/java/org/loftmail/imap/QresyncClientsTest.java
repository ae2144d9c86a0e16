package org.loftmail.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.event.MailEvent;
import jakarta.mail.event.MessageChangedEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.MessageVanishedEvent;
import org.eclipse.angus.mail.imap.ResyncData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONDSTORE and QRESYNC (RFC 7162) with real clients: Jakarta Mail (Angus), which implements both (its
 * {@code ResyncData} open, VANISHED events, CHANGEDSINCE fetches), and Python's imaplib, which knows neither, so
 * it sends the commands as written and reads the answers as a careful client would.
 */
class QresyncClientsTest {

    private static Store connect(ImapTestServer server) throws Exception {
        Properties p = new Properties();
        p.put("mail.imap.timeout", "10000");
        Store store = Session.getInstance(p).getStore("imap");
        store.connect("127.0.0.1", server.port(), "alice", "secret");
        return store;
    }

    @Test
    void jakartaResynchronisesWithQresync(@TempDir Path dir) throws Exception {
        try (ImapTestServer server = new ImapTestServer(dir)) {
            for (int i = 1; i <= 4; i++) server.deliver("alice", "INBOX", "Subject: m" + i + "\r\n\r\nbody " + i + "\r\n");
            long uidValidity;
            long modSeq;
            try (Store store = connect(server)) {
                assertThat(((IMAPStore) store).hasCapability("CONDSTORE")).isTrue();
                assertThat(((IMAPStore) store).hasCapability("QRESYNC")).isTrue();
                IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE, ResyncData.CONDSTORE);
                uidValidity = inbox.getUIDValidity();
                modSeq = inbox.getHighestModSeq();
                assertThat(modSeq).isPositive();
                inbox.close(false);
            }
            // meanwhile another client flags 1, expunges 3 and a message arrives (UID 5)
            try (Store store = connect(server)) {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                inbox.getMessage(1).setFlag(Flags.Flag.SEEN, true);
                inbox.getMessage(3).setFlag(Flags.Flag.DELETED, true);
                inbox.expunge();
                inbox.close(false);
            }
            server.deliver("alice", "INBOX", "Subject: m5\r\n\r\nbody 5\r\n");
            try (Store store = connect(server)) {
                IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
                List<MailEvent> events = inbox.open(Folder.READ_WRITE, new ResyncData(uidValidity, modSeq));
                List<Long> vanished = new ArrayList<>();
                List<Long> changed = new ArrayList<>();
                for (MailEvent e : events) {
                    if (e instanceof MessageVanishedEvent v) {
                        for (long u : v.getUIDs()) vanished.add(u);
                    } else if (e instanceof MessageChangedEvent c) {
                        changed.add(inbox.getUID(c.getMessage()));
                    }
                }
                assertThat(vanished).containsExactly(3L);
                assertThat(changed).containsExactlyInAnyOrder(1L, 5L);
                assertThat(inbox.getHighestModSeq()).isGreaterThan(modSeq);
                Message[] since = inbox.getMessagesByUIDChangedSince(1, UIDFolder.LASTUID, modSeq);
                assertThat(Arrays.stream(since).map(m -> uid(inbox, m))).containsExactly(1L, 5L);
                assertThat(inbox.getMessageByUID(1).isSet(Flags.Flag.SEEN)).isTrue();
                inbox.close(false);
            }
        }
    }

    private static long uid(IMAPFolder f, Message m) {
        try {
            return f.getUID(m);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String IMAPLIB = """
            import imaplib, sys
            port = int(sys.argv[1])
            def connect():
                m = imaplib.IMAP4('127.0.0.1', port)
                m.login('alice', 'secret')
                return m
            m = connect()
            print('caps', m.capability()[1][0].decode())
            for i in range(1, 5):
                m.append('INBOX', None, None, ('Subject: m%d\\r\\n\\r\\nbody\\r\\n' % i).encode())
            typ, data = m.enable('QRESYNC')
            print('enable', typ, m.response('ENABLED')[1][0].decode())
            m.select('INBOX')
            v = m.response('UIDVALIDITY')[1][0].decode()
            h0 = m.response('HIGHESTMODSEQ')[1][0].decode()
            m.logout()

            o = connect()
            o.select('INBOX')
            o.store('1', '+FLAGS', r'(\\Seen)')
            o.store('3', '+FLAGS', r'(\\Deleted)')
            o.expunge()
            o.append('INBOX', None, None, b'Subject: m5\\r\\n\\r\\nbody\\r\\n')
            # UID 1 changed after h0: a conditional store leaves it alone
            typ, data = o.uid('STORE', '1:2', '(UNCHANGEDSINCE %s)' % h0, '+FLAGS', r'(\\Answered)')
            print('cstore', typ, o.response('MODIFIED')[1][0].decode(), [d.decode() for d in data])
            o.logout()

            m = connect()
            m.enable('QRESYNC')
            typ, data = m._simple_command('SELECT', 'INBOX', '(QRESYNC (%s %s))' % (v, h0))
            m.state = 'SELECTED'
            print('select', typ)
            print('vanished', [d.decode() for d in m.response('VANISHED')[1]])
            print('fetch', sorted(d.decode() for d in m.response('FETCH')[1]))
            typ, data = m.uid('FETCH', '1:*', '(FLAGS)', '(CHANGEDSINCE %s VANISHED)' % h0)
            print('uidfetch', typ, [d.decode() for d in m.response('VANISHED')[1]], len(data))
            typ, data = m.status('INBOX', '(HIGHESTMODSEQ)')
            print('status', data[0].decode())
            print('logout', m.logout()[0])
            """;

    @Test
    void imaplibResynchronisesWithQresync(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 is not installed");
        Path script = dir.resolve("client.py");
        Files.writeString(script, IMAPLIB);
        String out;
        try (ImapTestServer server = new ImapTestServer(dir.resolve("server"))) {
            Process p = new ProcessBuilder("python3", script.toString(), String.valueOf(server.port()))
                    .redirectErrorStream(true).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(out).isZero();
        }
        assertThat(out).contains(" CONDSTORE ", " QRESYNC ", "enable OK QRESYNC", "select OK",
                "cstore OK 1 ['2 (UID 2 MODSEQ (", "vanished ['(EARLIER) 3']", "logout BYE");
        // imaplib prints the lines with Python's repr, which doubles each backslash
        assertThat(out).contains("fetch ['1 (UID 1 FLAGS (\\\\Seen) MODSEQ (", "'2 (UID 2 FLAGS (\\\\Answered) MODSEQ (",
                "'4 (UID 5 FLAGS (");
        assertThat(out).containsPattern("uidfetch OK \\['\\(EARLIER\\) 3'\\] 3");
        assertThat(out).containsPattern("status INBOX \\(HIGHESTMODSEQ \\d+\\)");
    }
}
