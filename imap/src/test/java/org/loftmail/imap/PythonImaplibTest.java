package org.loftmail.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Python's imaplib as a second, independent client (needs python3; see scripts/install-test-deps). */
class PythonImaplibTest {

    private static final String SCRIPT = """
            import imaplib, sys
            port = int(sys.argv[1])
            m = imaplib.IMAP4('127.0.0.1', port)
            print('caps', ' '.join(sorted(m.capabilities)))
            m.login('alice', 'secret')
            print('create', m.create('Sent')[0])
            print('append', m.append('INBOX', r'(\\Seen)', None, b'Subject: from python\\r\\nFrom: p@example.org\\r\\n\\r\\nbody line\\r\\n')[0])
            typ, data = m.select('INBOX')
            print('select', typ, data[0].decode())
            typ, data = m.uid('SEARCH', None, 'SUBJECT', 'python')
            print('search', data[0].decode())
            typ, data = m.fetch('1', '(FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])')
            print('fetch', data[0][1].decode().strip())
            typ, data = m.store('1', '+FLAGS', r'(\\Flagged)')
            print('store', data[0].decode())
            typ, data = m.copy('1', 'Sent')
            print('copy', typ)
            typ, data = m.status('Sent', '(MESSAGES)')
            print('status', data[0].decode())
            typ, data = m.list()
            print('list', len(data))
            m.close()
            print('logout', m.logout()[0])
            """;

    /**
     * IMAP4rev2 through imaplib, which knows nothing of it: ENABLE, then UTF-8 mailbox names sent as bytes, SELECT's
     * LIST and no RECENT, FETCH FLAGS without \\Recent.
     */
    private static final String REV2_SCRIPT = """
            import imaplib, sys
            port = int(sys.argv[1])
            m = imaplib.IMAP4('127.0.0.1', port)
            print('caps', ' '.join(sorted(m.capabilities)))
            m.login('alice', 'secret')
            typ, data = m.enable('IMAP4rev2')
            print('enable', typ, m.response('ENABLED')[1][0].decode())
            print('create', m.create('"Entwürfe"'.encode())[0])
            typ, data = m.list('""', '"Entw*"'.encode())
            print('list', data[0].decode('utf-8'))
            print('append', m.append('"Entwürfe"'.encode(), None, None, b'Subject: rev2\\r\\n\\r\\nbody\\r\\n')[0])
            typ, data = m.select('"Entwürfe"'.encode())
            print('select', typ, data[0].decode())
            print('select-list', m.response('LIST')[1][0].decode('utf-8'))
            print('select-recent', m.response('RECENT')[1][0])
            typ, data = m.fetch('1', '(FLAGS)')
            print('fetch', data[0].decode())
            typ, data = m.status('"Entwürfe"'.encode(), '(MESSAGES DELETED)')
            print('status', data[0].decode('utf-8'))
            print('logout', m.logout()[0])
            """;

    /**
     * ESEARCH and SEARCHRES through imaplib, which has no special support for either: the ESEARCH answer is one of the
     * untagged responses it keeps, {@code $} is just a message set it passes on.
     */
    private static final String ESEARCH_SCRIPT = """
            import imaplib, sys
            port = int(sys.argv[1])
            m = imaplib.IMAP4('127.0.0.1', port)
            m.login('alice', 'secret')
            print('caps', m.capability()[1][0].decode())
            m.create('Saved')
            for i in range(1, 6):
                m.append('INBOX', r'(\\Seen)' if i % 2 == 0 else None, None,
                         ('Subject: note %d\\r\\nFrom: p@example.org\\r\\n\\r\\nbody\\r\\n' % i).encode())
            m.select('INBOX')
            typ, data = m.uid('SEARCH', 'RETURN', '(MIN MAX COUNT ALL)', 'UNSEEN')
            print('esearch', typ, m.response('ESEARCH')[1][0].decode())
            typ, data = m.search(None, 'RETURN', '(SAVE)', 'SEEN')
            print('save', typ, data, m.response('ESEARCH')[1])
            typ, data = m.fetch('$', '(UID)')
            print('fetch', ' '.join(d.decode() for d in data))
            typ, data = m.store('$', '+FLAGS.SILENT', r'(\\Flagged)')
            print('store', typ)
            typ, data = m.copy('$', 'Saved')
            print('copy', typ, m.response('COPYUID')[1][0].decode())
            typ, data = m.search(None, 'FLAGGED')
            print('search', data[0].decode())
            m.unselect()
            m.enable('IMAP4rev2')
            m.select('INBOX')
            typ, data = m.search(None, 'FLAGGED')
            print('rev2', typ, data, m.response('ESEARCH')[1][0].decode())
            print('logout', m.logout()[0])
            """;

    /**
     * BINARY through imaplib, which reads a literal8 answer like any literal: a base64 part with NUL bytes comes back
     * decoded, BINARY.SIZE agrees, and a part in an encoding Loft cannot undo is NO [UNKNOWN-CTE].
     */
    private static final String BINARY_SCRIPT = """
            import imaplib, sys
            port = int(sys.argv[1])
            m = imaplib.IMAP4('127.0.0.1', port)
            m.login('alice', 'secret')
            print('caps', ' '.join(sorted(m.capabilities)))
            msg = (b'MIME-Version: 1.0\\r\\nContent-Type: multipart/mixed; boundary=b\\r\\n\\r\\n--b\\r\\n'
                   b'Content-Transfer-Encoding: base64\\r\\n\\r\\nAAECaGVsbG8Ad29ybGQ=\\r\\n--b\\r\\n'
                   b'Content-Transfer-Encoding: x-uuencode\\r\\n\\r\\nbegin\\r\\n--b--\\r\\n')
            print('append', m.append('INBOX', None, None, msg)[0])
            m.select('INBOX')
            typ, data = m.fetch('1', '(BINARY.SIZE[1] BINARY.PEEK[1])')
            print('fetch', typ, data[0][0].decode(), data[0][1].hex())
            try:
                typ, data = m.fetch('1', '(BINARY.PEEK[2])')
                print('unknown', typ, data)
            except imaplib.IMAP4.error as e:
                print('unknown', e)
            print('logout', m.logout()[0])
            """;

    @Test
    void imaplibFetchesBinary(@TempDir Path dir) throws Exception {
        String out = run(dir, BINARY_SCRIPT);
        assertThat(out).contains("BINARY", "append OK")
                .contains("fetch OK 1 (BINARY.SIZE[1] 14 BINARY[1] ~{14} 00010268656c6c6f00776f726c64")
                .contains("unknown", "[UNKNOWN-CTE] Unknown Content-Transfer-Encoding", "logout BYE");
    }

    @Test
    void imaplibTalksToLoft(@TempDir Path dir) throws Exception {
        String out = run(dir, SCRIPT);
        assertThat(out).contains("IMAP4REV1", "IMAP4REV2", "IDLE", "AUTH=PLAIN")
                .contains("create OK", "append OK", "select OK 1", "search 1", "fetch Subject: from python")
                .contains("store 1 (FLAGS (\\Flagged \\Seen \\Recent))", "copy OK", "status Sent (MESSAGES 1)", "logout BYE");
    }

    @Test
    void imaplibInImap4rev2(@TempDir Path dir) throws Exception {
        String out = run(dir, REV2_SCRIPT);
        assertThat(out).contains("enable OK IMAP4rev2", "create OK", "list (\\HasNoChildren) \"/\" \"Entw\u00fcrfe\"",
                "append OK", "select OK 1", "select-list () \"/\" \"Entw\u00fcrfe\"", "select-recent None",
                "fetch 1 (FLAGS ())", "status \"Entw\u00fcrfe\" (MESSAGES 1 DELETED 0)", "logout BYE");
    }

    @Test
    void imaplibWithEsearchAndSearchres(@TempDir Path dir) throws Exception {
        String out = run(dir, ESEARCH_SCRIPT);
        assertThat(out).contains(" ESEARCH ESORT SEARCHRES WITHIN ")
                .contains("esearch OK (TAG \"", "\") UID MIN 1 MAX 5 ALL 1,3,5 COUNT 3")
                .contains("save OK [None] [None]", "fetch 2 (UID 2) 4 (UID 4)", "store OK", "copy OK ", " 2,4 1:2")
                .contains("search 2 4", "rev2 OK [None] (TAG \"", "\") ALL 2,4", "logout BYE");
    }

    private static String run(Path dir, String source) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")) || which("python3"), "python3 is not installed");
        Path script = dir.resolve("client.py");
        Files.writeString(script, source);
        try (ImapTestServer server = new ImapTestServer(dir.resolve("server"))) {
            Process p = new ProcessBuilder("python3", script.toString(), String.valueOf(server.port()))
                    .redirectErrorStream(true).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(out).isZero();
            return out;
        }
    }

    private static boolean which(String cmd) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, cmd))) return true;
        }
        return false;
    }
}
