package org.loftmail.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * COMPRESS=DEFLATE (RFC 4978) with real clients: Jakarta Mail (Angus) with {@code mail.imap.compress.enable} over
 * IMAPS, and Python's imaplib over a zlib wrapper on a plain connection; and Dovecot's refusal of a client that
 * pipelines after COMPRESS.
 */
class CompressClientsTest {

    @Test
    void jakartaCompressesOverTls(@TempDir Path dir) throws Exception {
        try (ImapTestServer server = new ImapTestServer(dir)) {
            Properties p = new Properties();
            p.put("mail.imaps.ssl.socketFactory", ImapTestServer.clientTls().getSocketFactory());
            p.put("mail.imaps.ssl.checkserveridentity", "false");
            p.put("mail.imaps.timeout", "10000");
            p.put("mail.imaps.compress.enable", "true");
            Session session = Session.getInstance(p);
            try (Store store = session.getStore("imaps")) {
                store.connect("127.0.0.1", server.tlsPort(), "alice", "secret");
                assertThat(((IMAPStore) store).hasCapability("COMPRESS=DEFLATE")).isTrue();
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                String body = "compressible line of text\r\n".repeat(4000);
                MimeMessage m = new MimeMessage(session);
                m.setSubject("squeezed");
                m.setText(body);
                m.saveChanges();
                inbox.appendMessages(new Message[] {m});
                assertThat(inbox.getMessageCount()).isEqualTo(1);
                Message got = inbox.getMessage(1);
                assertThat(got.getSubject()).isEqualTo("squeezed");
                assertThat(((String) got.getContent()).replace("\r\n", "\n")).isEqualTo(body.replace("\r\n", "\n"));
                inbox.close(false);
            }
        }
    }

    private static final String IMAPLIB = """
            import imaplib, sys, zlib
            imaplib.Commands['COMPRESS'] = ('AUTH', 'SELECTED')
            class Deflating(imaplib.IMAP4):
                z = None
                def compress(self):
                    typ, data = self._simple_command('COMPRESS', 'DEFLATE')
                    if typ == 'OK':
                        self.z = (zlib.compressobj(6, zlib.DEFLATED, -15), zlib.decompressobj(-15))
                        self.zbuf = b''
                    return typ, data
                def send(self, data):
                    if self.z:
                        data = self.z[0].compress(data) + self.z[0].flush(zlib.Z_SYNC_FLUSH)
                    self.sock.sendall(data)
                def _more(self):
                    chunk = self.sock.recv(65536)
                    if not chunk:
                        raise self.abort('EOF')
                    self.zbuf += self.z[1].decompress(chunk)
                def read(self, size):
                    if not self.z:
                        return super().read(size)
                    while len(self.zbuf) < size:
                        self._more()
                    out, self.zbuf = self.zbuf[:size], self.zbuf[size:]
                    return out
                def readline(self):
                    if not self.z:
                        return super().readline()
                    while b'\\n' not in self.zbuf:
                        self._more()
                    i = self.zbuf.index(b'\\n') + 1
                    out, self.zbuf = self.zbuf[:i], self.zbuf[i:]
                    return out
            m = Deflating('127.0.0.1', int(sys.argv[1]))
            m.login('alice', 'secret')
            print('caps', m.capability()[1][0].decode())
            print('compress', m.compress())
            print('again', m._simple_command('COMPRESS', 'DEFLATE')[0], m.response('COMPRESSIONACTIVE'))
            body = b'Subject: zipped\\r\\n\\r\\n' + b'the same line again and again\\r\\n' * 3000
            print('append', m.append('INBOX', None, None, body)[0])
            typ, data = m.select('INBOX')
            print('select', typ, data[0].decode())
            typ, data = m.fetch('1', '(BODY.PEEK[])')
            print('fetch', typ, data[0][1] == body)
            print('logout', m.logout()[0])
            """;

    @Test
    void imaplibCompressesOverAZlibWrapper(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 is not installed");
        Path script = dir.resolve("client.py");
        Files.writeString(script, IMAPLIB);
        try (ImapTestServer server = new ImapTestServer(dir.resolve("server"))) {
            Process p = new ProcessBuilder("python3", script.toString(), String.valueOf(server.port()))
                    .redirectErrorStream(true).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains(" LITERAL+ COMPRESS=DEFLATE", "compress ('OK', [b'Begin compression.'])",
                    "again NO ('COMPRESSIONACTIVE'", "append OK",
                    "select OK 1", "fetch OK True", "logout BYE");
        }
    }

    @Test
    void aClientThatPipelinesAfterCompressIsRefused(@TempDir Path dir) throws Exception {
        try (ImapTestServer server = new ImapTestServer(dir); Socket s = server.connect()) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            in.readLine();
            out.write("a LOGIN alice secret\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(in.readLine()).startsWith("a OK");
            out.write("b COMPRESS FOO\r\nc COMPRESS DEFLATE\r\nd NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(in.readLine()).isEqualTo("b NO Unknown compression mechanism");
            assertThat(in.readLine()).isEqualTo("c BAD Client did not wait for COMPRESS reply before sending more data");
            assertThat(in.readLine()).isEqualTo("d OK NOOP completed.");
        }
    }
}
