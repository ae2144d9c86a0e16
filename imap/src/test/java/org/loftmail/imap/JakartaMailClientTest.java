package org.loftmail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.SubjectTerm;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jakarta Mail (Angus) as a real IMAP client, over IMAPS and over STARTTLS. */
class JakartaMailClientTest {

    @TempDir
    Path dir;

    private ImapTestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new ImapTestServer(dir);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private Store imaps() throws Exception {
        Properties p = new Properties();
        p.put("mail.imaps.ssl.socketFactory", ImapTestServer.clientTls().getSocketFactory());
        p.put("mail.imaps.ssl.checkserveridentity", "false");
        p.put("mail.imaps.timeout", "10000");
        Store store = Session.getInstance(p).getStore("imaps");
        store.connect("127.0.0.1", server.tlsPort(), "alice", "secret");
        return store;
    }

    private Store starttls() throws Exception {
        Properties p = new Properties();
        p.put("mail.imap.starttls.enable", "true");
        p.put("mail.imap.starttls.required", "true");
        p.put("mail.imap.ssl.socketFactory", ImapTestServer.clientTls().getSocketFactory());
        p.put("mail.imap.ssl.checkserveridentity", "false");
        p.put("mail.imap.timeout", "10000");
        Store store = Session.getInstance(p).getStore("imap");
        store.connect("127.0.0.1", server.port(), "alice", "secret");
        return store;
    }

    private static MimeMessage message(Session session, String subject, String text) throws Exception {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("bob@example.org", "Bob Example"));
        m.setRecipients(Message.RecipientType.TO, "alice@example.org");
        m.setSubject(subject, "UTF-8");
        MimeMultipart mp = new MimeMultipart();
        MimeBodyPart body = new MimeBodyPart();
        body.setText(text, "UTF-8");
        mp.addBodyPart(body);
        MimeBodyPart att = new MimeBodyPart();
        att.setFileName("data.bin");
        att.setContent(new byte[] {0, 1, 2, 3, (byte) 0xff}, "application/octet-stream");
        mp.addBodyPart(att);
        m.setContent(mp);
        m.saveChanges();
        return m;
    }

    @Test
    void foldersAppendFetchFlagsSearchAndMoveOverImaps() throws Exception {
        try (Store store = imaps()) {
            assertThat(((IMAPStore) store).hasCapability("MOVE")).isTrue();
            Folder work = store.getFolder("Work");
            assertThat(work.create(Folder.HOLDS_MESSAGES)).isTrue();
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            Session session = Session.getInstance(new Properties());
            inbox.appendMessages(new Message[] {message(session, "Grüße from Bob", "Hello Alice, äöü"),
                    message(session, "Quarterly report", "Numbers inside")});
            assertThat(inbox.getMessageCount()).isEqualTo(2);

            Message first = inbox.getMessage(1);
            assertThat(first.getSubject()).isEqualTo("Grüße from Bob");
            assertThat(((InternetAddress) first.getFrom()[0]).getPersonal()).isEqualTo("Bob Example");
            MimeMultipart content = (MimeMultipart) first.getContent();
            assertThat(content.getCount()).isEqualTo(2);
            assertThat(content.getBodyPart(0).getContent()).isEqualTo("Hello Alice, äöü");
            assertThat(content.getBodyPart(1).getFileName()).isEqualTo("data.bin");
            assertThat(content.getBodyPart(1).getInputStream().readAllBytes()).containsExactly(0, 1, 2, 3, 0xff);
            assertThat(first.getSize()).isGreaterThan(100);

            first.setFlag(Flags.Flag.FLAGGED, true);
            assertThat(inbox.search(new FlagTerm(new Flags(Flags.Flag.FLAGGED), true))).hasSize(1);
            assertThat(inbox.search(new SubjectTerm("quarterly"))).extracting(Message::getMessageNumber).containsExactly(2);

            ((IMAPFolder) inbox).moveMessages(new Message[] {inbox.getMessage(2)}, work);
            assertThat(inbox.getMessage(2).isExpunged()).isTrue();
            work.open(Folder.READ_ONLY);
            assertThat(work.getMessageCount()).isEqualTo(1);
            assertThat(work.getMessage(1).getSubject()).isEqualTo("Quarterly report");
            work.close(false);

            inbox.getMessage(1).setFlag(Flags.Flag.DELETED, true);
            inbox.close(true);
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isZero();
            inbox.close(false);

            assertThat(store.getDefaultFolder().list("*")).extracting(Folder::getFullName).contains("INBOX", "Work");
            assertThat(work.delete(false)).isTrue();
        }
    }

    @Test
    void idleHearsADeliveryOverStarttls() throws Exception {
        try (Store store = starttls()) {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            CountDownLatch added = new CountDownLatch(1);
            inbox.addMessageCountListener(new MessageCountAdapter() {
                @Override
                public void messagesAdded(MessageCountEvent e) {
                    added.countDown();
                }
            });
            Thread idler = Thread.ofVirtual().start(() -> {
                try {
                    inbox.idle(true);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // Deliver until the idling client hears it (the first delivery may beat the IDLE command).
            for (int i = 0; i < 50 && added.getCount() > 0; i++) {
                server.deliver("alice", "INBOX", "Subject: pushed " + i + "\r\n\r\nhi\r\n");
                added.await(200, TimeUnit.MILLISECONDS);
            }
            assertThat(added.await(5, TimeUnit.SECONDS)).isTrue();
            idler.join(5000);
            assertThat(inbox.getMessageCount()).isGreaterThanOrEqualTo(1);
            assertThat(inbox.getMessage(1).getSubject()).startsWith("pushed");
            inbox.close(false);
        }
    }
}
