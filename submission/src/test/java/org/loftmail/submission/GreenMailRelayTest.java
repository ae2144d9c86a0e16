package org.loftmail.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GreenMail as the relay MTA and Jakarta Mail (Angus) as the mail client: a message submitted over STARTTLS (587)
 * and over implicit TLS (465) arrives at the relay with the client's envelope and submission's header fields.
 */
class GreenMailRelayTest {

    @TempDir
    Path tmp;

    private GreenMail greenMail;
    private SubmissionTestServer server;

    @BeforeEach
    void start() throws Exception {
        greenMail = new GreenMail(ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP}));
        greenMail.start();
        server = new SubmissionTestServer(tmp, SubmissionTestServer.relayingTo(tmp, greenMail.getSmtp().getPort()),
                null);
    }

    @AfterEach
    void stop() {
        server.close();
        greenMail.stop();
    }

    @Test
    void starttlsOn587ArrivesWithTheEnvelopeAndSubmissionHeaders() throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", SubmissionTestServer.HOST);
        p.put("mail.smtp.port", Integer.toString(server.plain.port()));
        p.put("mail.smtp.localaddress", "127.0.0.1");
        p.put("mail.smtp.auth", "true");
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        p.put("mail.smtp.ssl.socketFactory", SubmissionTestServer.clientTls().getSocketFactory());
        p.put("mail.smtp.ssl.checkserveridentity", "false");
        p.put("mail.smtp.from", "jsmith@example.com");
        send(Session.getInstance(p), "smtp", server.plain.port(), "jsmith", "secret", "jsmith@example.com",
                "Over STARTTLS", "bob@green.test", "carol@green.test");

        assertThat(greenMail.waitForIncomingEmail(10_000, 2)).isTrue();
        MimeMessage[] got = greenMail.getReceivedMessages();
        assertThat(got).hasSize(2);
        MimeMessage m = got[0];
        assertThat(m.getSubject()).isEqualTo("Over STARTTLS");
        assertThat(GreenMailUtil.getBody(m)).isEqualTo("Hello from Jakarta Mail.\r\n.a dotted line");
        // GreenMail puts its own Received on top; ours is the one below it
        assertThat(m.getHeader("Received")).anySatisfy(r -> assertThat(r).contains("by mx.loft.test with ESMTPSA")
                .contains("[127.0.0.1]").contains("envelope-from <jsmith@example.com>"));
        assertThat(m.getHeader("Message-ID")).hasSize(1); // the client's own, none added
        assertThat(m.getHeader("Return-Path")[0]).isEqualTo("<jsmith@example.com>");
        // the envelope: one copy in each recipient's mailbox at the relay
        for (String rcpt : new String[] {"bob@green.test", "carol@green.test"}) {
            var user = greenMail.getUserManager().getUserByEmail(rcpt);
            assertThat(greenMail.getManagers().getImapHostManager().getInbox(user).getMessageCount()).isEqualTo(1);
        }
    }

    @Test
    void implicitTlsOn465ArrivesToo() throws Exception {
        Properties p = new Properties();
        p.put("mail.smtps.host", SubmissionTestServer.HOST);
        p.put("mail.smtps.port", Integer.toString(server.implicitTls.port()));
        p.put("mail.smtps.localaddress", "127.0.0.1");
        p.put("mail.smtps.auth", "true");
        p.put("mail.smtps.ssl.socketFactory", SubmissionTestServer.clientTls().getSocketFactory());
        p.put("mail.smtps.ssl.checkserveridentity", "false");
        p.put("mail.smtps.auth.mechanisms", "LOGIN");
        send(Session.getInstance(p), "smtps", server.implicitTls.port(), "alice", "wonder", "alice@anywhere.test",
                "Over implicit TLS", "bob@green.test");

        assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage m = greenMail.getReceivedMessages()[0];
        assertThat(m.getSubject()).isEqualTo("Over implicit TLS");
        assertThat(m.getHeader("Return-Path")[0]).isEqualTo("<alice@anywhere.test>");
        assertThat(m.getHeader("Received")).anySatisfy(r -> assertThat(r).contains("with ESMTPSA"));
        assertThat(m.getHeader("Date")).hasSize(1);
    }

    @Test
    void sendingAsSomeoneElseIsRefusedAndNothingReachesTheRelay() throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", SubmissionTestServer.HOST);
        p.put("mail.smtp.localaddress", "127.0.0.1");
        p.put("mail.smtp.auth", "true");
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        p.put("mail.smtp.ssl.socketFactory", SubmissionTestServer.clientTls().getSocketFactory());
        p.put("mail.smtp.ssl.checkserveridentity", "false");
        p.put("mail.smtp.from", "ceo@bank.test");
        assertThatThrownBy(() -> send(Session.getInstance(p), "smtp", server.plain.port(), "jsmith", "secret",
                "ceo@bank.test", "Wire the money", "victim@green.test"))
                .hasMessageContaining("553 5.7.1");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    private static void send(Session session, String protocol, int port, String user, String password, String from,
            String subject, String... to) throws Exception {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(from));
        for (String rcpt : to) {
            m.addRecipient(Message.RecipientType.TO, new InternetAddress(rcpt));
        }
        m.setSubject(subject);
        m.setText("Hello from Jakarta Mail.\n.a dotted line");
        m.saveChanges();
        try (Transport t = session.getTransport(protocol)) {
            t.connect(SubmissionTestServer.HOST, port, user, password);
            t.sendMessage(m, m.getAllRecipients());
        }
    }
}
