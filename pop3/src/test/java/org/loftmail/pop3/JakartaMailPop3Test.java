package org.loftmail.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jakarta Mail's (Angus) POP3 provider against Loft: POP3S on an implicit-TLS port, and POP3 with STLS. */
class JakartaMailPop3Test {

    @TempDir
    Path dir;

    Pop3TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new Pop3TestServer(dir, Pop3Settings.defaults());
        server.deliver("jsmith", "From: a@example.com\r\nSubject: first\r\n\r\nHello\r\n.leading dot\r\n");
        server.deliver("jsmith", "From: b@example.com\r\nSubject: second\r\n\r\n" + "line\r\n".repeat(20_000));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Session session(String protocol) throws Exception {
        Properties p = new Properties();
        p.put("mail." + protocol + ".host", Pop3TestServer.HOST);
        p.put("mail." + protocol + ".localaddress", "127.0.0.1");
        p.put("mail." + protocol + ".ssl.socketFactory", Pop3TestServer.clientTls().getSocketFactory());
        p.put("mail." + protocol + ".ssl.checkserveridentity", "false");
        p.put("mail." + protocol + ".connectiontimeout", "5000");
        p.put("mail." + protocol + ".timeout", "10000");
        if (protocol.equals("pop3")) {
            p.put("mail.pop3.starttls.enable", "true");
            p.put("mail.pop3.starttls.required", "true");
        }
        return Session.getInstance(p);
    }

    @Test
    void pop3sReadsMessagesByteExactAndUidlsAndDeletesAtClose() throws Exception {
        try (Store store = session("pop3s").getStore("pop3s")) {
            store.connect(Pop3TestServer.HOST, server.implicitTls.port(), "jsmith", "secret");
            POP3Folder inbox = (POP3Folder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            assertThat(inbox.getMessageCount()).isEqualTo(2);
            Message first = inbox.getMessage(1);
            assertThat(first.getSubject()).isEqualTo("first");
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            first.writeTo(raw);
            assertThat(raw.toString(StandardCharsets.ISO_8859_1))
                    .isEqualTo("From: a@example.com\r\nSubject: first\r\n\r\nHello\r\n.leading dot\r\n");
            assertThat(first.getSize()).isEqualTo(raw.size() - 39); // body size: header 39 bytes incl. blank line
            Message second = inbox.getMessage(2);
            assertThat(((String) second.getContent()).length()).isEqualTo(6 * 20_000);
            assertThat(inbox.getUID(first)).matches("00000001[0-9a-f]{8}");
            assertThat(inbox.getUID(second)).matches("00000002[0-9a-f]{8}");
            first.setFlag(Flags.Flag.DELETED, true);
            inbox.close(true);
        }
        try (Store store = session("pop3s").getStore("pop3s")) {
            store.connect(Pop3TestServer.HOST, server.implicitTls.port(), "jsmith", "secret");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(1);
            assertThat(inbox.getMessage(1).getSubject()).isEqualTo("second");
            inbox.close(false);
        }
    }

    @Test
    void pop3WithRequiredStlsLogsInAfterTheUpgrade() throws Exception {
        // disable_plaintext_auth = yes: USER/PASS and PLAIN only become available once STLS is done.
        try (Store store = session("pop3").getStore("pop3")) {
            store.connect(Pop3TestServer.HOST, server.plain.port(), "jsmith", "secret");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(2);
            assertThat(inbox.getMessage(1).getSubject()).isEqualTo("first");
            inbox.close(false);
        }
    }
}
