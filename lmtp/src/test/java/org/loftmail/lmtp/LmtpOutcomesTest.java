package org.loftmail.lmtp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.handler.ssl.SslContext;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.log.MailLog;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.storage.MailStorageRegistry;
import org.loftmail.core.delivery.DeliveryAction;
import org.loftmail.core.delivery.DeliveryFilter;
import org.loftmail.lmtp.delivery.MailDelivery;
import org.loftmail.core.delivery.MailSender;
import org.loftmail.transport.BoundListener;
import org.loftmail.transport.ConnectionLimiter;
import org.loftmail.transport.ListenerSpec;
import org.loftmail.transport.SelfSignedCertificates;
import org.loftmail.transport.TlsContexts;
import org.loftmail.transport.TlsSettings;
import org.slf4j.LoggerFactory;

/** Each recipient's fate as the LMTP client hears it, STARTTLS, and the log lines Dovecot's tools expect. */
class LmtpOutcomesTest {

    @TempDir
    Path temp;

    private LmtpFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private LmtpClient ready() throws Exception {
        LmtpClient c = new LmtpClient(fixture.port());
        c.line();
        c.send("LHLO test");
        assertThat(c.send("MAIL FROM:<s@example.org>")).isEqualTo("250 2.1.0 OK");
        return c;
    }

    @Test
    void quotaFullTempfailAndRcptQuotaCheck() throws Exception {
        fixture = new LmtpFixture(temp);
        fixture.start(fixture.settings().quotaFullTempfail(true).build(), DeliveryFilter.KEEP_ALL, MailSender.NONE);
        fixture.storage.quota("bob", 10);
        try (LmtpClient c = ready()) {
            assertThat(c.send("RCPT TO:<bob@loft.test>")).isEqualTo("250 2.1.5 OK");
            assertThat(c.send("DATA")).isEqualTo("354 OK");
            assertThat(c.send("Subject: q\r\n\r\nover ten bytes\r\n."))
                    .isEqualTo("452 4.2.2 <bob@loft.test> Quota exceeded (mailbox for user is full)");
        }
        fixture.close();
        fixture = new LmtpFixture(temp);
        fixture.start(fixture.settings().rcptCheckQuota(true).build(), DeliveryFilter.KEEP_ALL, MailSender.NONE);
        try (LmtpClient c = ready()) {
            assertThat(c.send("RCPT TO:<bob@loft.test>")).isEqualTo("250 2.1.5 OK"); // no limit yet
            assertThat(c.send("DATA")).isEqualTo("354 OK");
            assertThat(c.send("Subject: fills the mailbox\r\n\r\n.")).startsWith("250 2.0.0 <bob@loft.test>");
            fixture.storage.quota("bob", 10); // now over quota
            assertThat(c.send("MAIL FROM:<s@example.org>")).isEqualTo("250 2.1.0 OK");
            assertThat(c.send("RCPT TO:<bob@loft.test>"))
                    .isEqualTo("552 5.2.2 <bob@loft.test> Quota exceeded (mailbox for user is full)");
            assertThat(c.send("RCPT TO:<alice@loft.test>")).isEqualTo("250 2.1.5 OK");
        }
    }

    @Test
    void userdbDownAtRcptAndStorageFailureAfterData() throws Exception {
        fixture = new LmtpFixture(temp).start();
        try (LmtpClient c = ready()) {
            fixture.directory.down = true;
            assertThat(c.send("RCPT TO:<alice@loft.test>")).isEqualTo("451 4.3.0 <alice@loft.test> Temporary internal error");
            fixture.directory.down = false;
            assertThat(c.send("RCPT TO:<alice@loft.test>")).isEqualTo("250 2.1.5 OK");
            assertThat(c.send("RCPT TO:<dave@loft.test>")).isEqualTo("250 2.1.5 OK");
            fixture.storage.failNextAppends(1);
            assertThat(c.send("DATA")).isEqualTo("354 OK");
            c.raw("Subject: f\r\n\r\nx\r\n.\r\n");
            assertThat(c.reply()).containsExactly("451 4.3.0 <alice@loft.test> Temporary internal error");
            assertThat(c.reply().get(0)).startsWith("250 2.0.0 <dave@loft.test> ");
        }
        assertThat(fixture.storage.count("alice", "INBOX")).isZero();
        assertThat(fixture.storage.count("dave", "INBOX")).isEqualTo(1);
    }

    @Test
    void startTlsOnATcpListener() throws Exception {
        SelfSignedCertificates.PemPair pem = SelfSignedCertificates.generate("mx.loft.test");
        SslContext tls = TlsContexts.server(new TlsSettings(pem.certPem(), pem.keyPem(), null, "", "TLSv1.2", "", true, "test"));
        fixture = new LmtpFixture(temp);
        fixture.delivery = new MailDelivery(fixture.directory, new MailStorageRegistry().register(fixture.storage),
                fixture.settings().build(), DeliveryFilter.KEEP_ALL, "", MailSender.NONE);
        BoundListener listener = fixture.server.bind(
                new ListenerSpec.Inet("lmtp", "lmtp", "127.0.0.1", ListenerSpec.EPHEMERAL, false),
                new LmtpService(LmtpSettings.defaults("mx.loft.test"), fixture.delivery), tls,
                ConnectionLimiter.unlimited());
        fixture.listener = listener;
        try (LmtpClient c = new LmtpClient(listener.port())) {
            c.line();
            assertThat(c.send("LHLO test")).contains("250 STARTTLS");
            assertThat(c.send("STARTTLS")).isEqualTo("220 2.0.0 Begin TLS negotiation now.");
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAll()}, null);
            SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(c.socket, "127.0.0.1", listener.port(), true);
            s.startHandshake();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            out.write("MAIL FROM:<a@b>\r\nLHLO again\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(in.readLine()).isEqualTo("503 5.5.1 Invalid command: Send LHLO first");
            String line;
            do {
                line = in.readLine();
            } while (line.startsWith("250-"));
            assertThat(line).isEqualTo("250 SIZE"); // no STARTTLS once TLS is up
            out.write("MAIL FROM:<a@b>\r\nRCPT TO:<alice@loft.test>\r\nDATA\r\nSubject: tls\r\n\r\n.\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(in.readLine()).isEqualTo("250 2.1.0 OK");
            assertThat(in.readLine()).isEqualTo("250 2.1.5 OK");
            assertThat(in.readLine()).isEqualTo("354 OK");
            assertThat(in.readLine()).startsWith("250 2.0.0 <alice@loft.test>");
            s.close();
        }
        assertThat(fixture.storage.text("alice", "INBOX", 0)).contains("with LMTPS");
    }

    @Test
    void logLinesHaveDovecotsShape() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(MailLog.LOGGER_ROOT + ".lmtp");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Level before = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addAppender(appender);
        try {
            fixture = new LmtpFixture(temp);
            fixture.storage.create("alice", "Spam");
            fixture.start(fixture.settings().build(),
                    ctx -> List.of(new DeliveryAction.FileInto("Spam", Flags.NONE, false)), MailSender.NONE);
            try (LmtpClient c = ready()) {
                c.send("RCPT TO:<alice@loft.test>");
                c.send("DATA");
                assertThat(c.send("Message-ID: <log-1@example.org>\r\nSubject: l\r\n\r\n.")).startsWith("250 ");
                c.send("QUIT");
            }
            fixture.close();
            fixture = new LmtpFixture(temp);
            fixture.start(fixture.settings().mailPlugins(List.of("quota", "sieve")).build(), DeliveryFilter.KEEP_ALL,
                    MailSender.NONE);
            try (LmtpClient c = ready()) {
                c.send("RCPT TO:<dave@loft.test>");
                c.send("DATA");
                assertThat(c.send("Message-ID: <log-2@example.org>\r\n\r\n.")).startsWith("250 ");
            }
            Thread.sleep(200); // the close is logged on the session's thread
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(before);
        }
        List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        String pid = Long.toString(ProcessHandle.current().pid());
        assertThat(lines).contains("lmtp(" + pid + "): Info: Connect from 127.0.0.1");
        assertThat(lines).anyMatch(l -> l.matches(
                "lmtp\\(alice\\): Info: \\S+: sieve: msgid=<log-1@example\\.org>: stored mail into mailbox 'Spam'"));
        assertThat(lines).anyMatch(l -> l.matches(
                "lmtp\\(dave\\): Info: \\S+: msgid=<log-2@example\\.org>: saved mail to INBOX"));
        assertThat(lines).contains("lmtp(" + pid + "): Info: Disconnect from 127.0.0.1: Successful quit");
        assertThat(lines).containsOnlyOnce("lmtp: Warning: mail_plugins contains sieve, but Loft's Sieve engine is not"
                + " part of this build yet: Sieve scripts are not run and mail is delivered to INBOX");
        assertThat(lines).anyMatch(l -> l.startsWith("lmtp(" + pid + "): Info: Disconnect from 127.0.0.1: Connection closed"));
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {}

        @Override
        public java.security.cert.X509Certificate[] getAcceptedIssuers() {
            return new java.security.cert.X509Certificate[0];
        }
    }
}
