package org.loftmail.server;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo set-up end to end: what ./loft prepares starts, listens where it says, and mail flows through it. */
class DemoTest {

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String lmtpDeliver(int port, String rcpt, String message) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            assertThat(in.readLine()).startsWith("220 ");
            out.write("LHLO test\r\n".getBytes(StandardCharsets.US_ASCII));
            String line;
            while ((line = in.readLine()).startsWith("250-")) {
                // capabilities
            }
            out.write(("MAIL FROM:<alice@example.com>\r\nRCPT TO:<" + rcpt + ">\r\nDATA\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("250");
            String rcptReply = in.readLine();
            if (!rcptReply.startsWith("250")) {
                return rcptReply;
            }
            assertThat(in.readLine()).startsWith("354");
            out.write((message + "\r\n.\r\nQUIT\r\n").getBytes(StandardCharsets.US_ASCII));
            return in.readLine();
        }
    }

    @Test
    void theDemoStartsListensAndCarriesMailFromLmtpToImapAndPop3(@TempDir Path home) throws Exception {
        Demo.Ports ports = new Demo.Ports(freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort());
        Path var = home.resolve("var");
        String password = Demo.prepare(var, ports);
        assertThat(var.resolve("ssl/cert.pem")).exists();
        assertThat(Files.readString(var.resolve("users"))).startsWith("demo:{SHA512-CRYPT}$6$");
        try (LoftServer server = LoftServer.start(var.resolve("demo.conf"))) {
            assertThat(server.describeListeners()).hasSize(10);

            assertThat(lmtpDeliver(ports.lmtp(), "demo@example.com",
                    "From: alice@example.com\r\nSubject: demo test\r\n\r\nHello demo")).startsWith("250 2.0.0");
            assertThat(lmtpDeliver(ports.lmtp(), "nobody@example.com", "x")).startsWith("550 5.1.1");

            Properties props = new Properties();
            props.put("mail.imaps.ssl.trust", "*");
            props.put("mail.imap.starttls.enable", "true");
            props.put("mail.imap.starttls.required", "true");
            props.put("mail.imap.ssl.trust", "*");
            Session session = Session.getInstance(props);
            try (Store store = session.getStore("imaps")) {
                store.connect("127.0.0.1", ports.imaps(), "demo", password);
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                Message[] messages = inbox.getMessages();
                assertThat(messages).hasSize(1);
                assertThat(messages[0].getSubject()).isEqualTo("demo test");
                messages[0].setFlag(Flags.Flag.FLAGGED, true);
                assertThat(store.getFolder("Sent").exists()).isTrue(); // auto = subscribe from the demo namespace
                inbox.close(false);
            }
            try (Store store = session.getStore("imap")) { // STARTTLS on the plain port
                store.connect("127.0.0.1", ports.imap(), "demo", password);
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                assertThat(inbox.getMessage(1).isSet(Flags.Flag.FLAGGED)).isTrue();
                inbox.close(false);
            }
            Properties pop = new Properties();
            pop.put("mail.pop3s.ssl.trust", "*");
            try (Store store = Session.getInstance(pop).getStore("pop3s")) {
                store.connect("127.0.0.1", ports.pop3s(), "demo", password);
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                assertThat(inbox.getMessageCount()).isEqualTo(1);
                assertThat(inbox.getMessage(1).getSubject()).isEqualTo("demo test");
                inbox.close(false);
            }

            // submission without a relay: the demo user sends to itself over STARTTLS, through the delivery path
            Properties smtp = new Properties();
            smtp.put("mail.smtp.auth", "true");
            smtp.put("mail.smtp.starttls.enable", "true");
            smtp.put("mail.smtp.starttls.required", "true");
            smtp.put("mail.smtp.ssl.trust", "*");
            Session mail = Session.getInstance(smtp);
            jakarta.mail.internet.MimeMessage m = new jakarta.mail.internet.MimeMessage(mail);
            m.setFrom("demo@example.com");
            m.setRecipients(Message.RecipientType.TO, "demo@example.com");
            m.setSubject("submitted");
            m.setText("sent through submission");
            try (jakarta.mail.Transport t = mail.getTransport("smtp")) {
                t.connect("127.0.0.1", ports.submission(), "demo", password);
                t.sendMessage(m, m.getAllRecipients());
                jakarta.mail.internet.MimeMessage away = new jakarta.mail.internet.MimeMessage(mail);
                away.setFrom("demo@example.com");
                away.setRecipients(Message.RecipientType.TO, "stranger@elsewhere.test");
                away.setText("x");
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.sendMessage(away, away.getAllRecipients()))
                        .hasStackTraceContaining("550 5.7.1");
            }
            try (Store store = session.getStore("imaps")) {
                store.connect("127.0.0.1", ports.imaps(), "demo", password);
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                assertThat(inbox.getMessageCount()).isEqualTo(2);
                Message submitted = inbox.getMessage(2);
                assertThat(submitted.getSubject()).isEqualTo("submitted");
                assertThat(submitted.getHeader("Received")).anySatisfy(r -> assertThat(r).contains("with ESMTPSA"));
                inbox.close(false);
            }
        }
    }

    static String imapCommand(BufferedReader in, OutputStream out, String tag, String command) throws Exception {
        out.write((tag + " " + command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String line;
        while (!(line = in.readLine()).startsWith(tag + " ")) {
            // untagged responses
        }
        return line;
    }

    @Test
    void aReloadLeavesOpenSessionsRunningAndNewOnesUseTheNewConfiguration(@TempDir Path home) throws Exception {
        Demo.Ports ports = new Demo.Ports(freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort());
        Path var = home.resolve("var");
        String password = Demo.prepare(var, ports);
        Path config = var.resolve("demo.conf");
        try (LoftServer server = LoftServer.start(config);
                Socket s = new Socket("127.0.0.1", ports.imap())) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            assertThat(in.readLine()).startsWith("* OK");
            assertThat(imapCommand(in, out, "a", "LOGIN demo " + password)).startsWith("a OK");
            assertThat(imapCommand(in, out, "b", "SELECT INBOX")).startsWith("b OK");

            Files.writeString(config, Files.readString(config).replace("login_greeting", "x")
                    + "login_greeting = Reloaded.\n");
            server.reload();

            assertThat(imapCommand(in, out, "c", "NOOP")).startsWith("c OK");
            try (Socket fresh = new Socket("127.0.0.1", ports.imap())) {
                fresh.setSoTimeout(10_000);
                BufferedReader in2 = new BufferedReader(new InputStreamReader(fresh.getInputStream(), StandardCharsets.US_ASCII));
                assertThat(in2.readLine()).startsWith("* OK").endsWith("Reloaded.");
            }
            assertThat(imapCommand(in, out, "d", "LOGOUT")).startsWith("d OK");
        }
    }
}
