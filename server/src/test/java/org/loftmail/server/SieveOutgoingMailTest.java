package org.loftmail.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.lmtp.lda.LdaCommand;

/**
 * Sieve's outgoing mail through {@code submission_host} to GreenMail, an independent SMTP server: a redirect is
 * relayed unchanged to its address, a vacation reply goes to the sender once per period, marked Auto-Submitted
 * (from the recipient: GreenMail does not take a null reverse path); with the relay down the message is kept in INBOX, never lost.
 */
class SieveOutgoingMailTest {

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static int lda(Path config, String message) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LdaCommand.run(new String[] {"-c", config.toString(), "-d", "demo", "-a", "demo@loft.test",
                        "-f", "alice@example.com"},
                new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err), Lda::load);
        assertThat(code).as(err.toString()).isZero();
        return code;
    }

    private static boolean inbox(Path maildir, String text) throws IOException {
        for (String sub : new String[] {"new", "cur"}) {
            Path d = maildir.resolve(sub);
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> files = Files.list(d)) {
                for (Path f : files.toList()) {
                    if (Files.readString(f, StandardCharsets.ISO_8859_1).contains(text)) return true;
                }
            }
        }
        return false;
    }

    @Test
    void redirectAndVacationGoOutThroughTheSubmissionHost(@TempDir Path home) throws Exception {
        GreenMail green = new GreenMail(ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP}));
        green.start();
        try {
            Path var = home.resolve("var");
            Demo.prepare(var, new Demo.Ports(freePort(), freePort(), freePort(), freePort(), freePort(), freePort(),
                    freePort()));
            Path config = var.resolve("demo.conf");
            Files.writeString(config, Files.readString(config) + "\nsubmission_host = 127.0.0.1:"
                    + green.getSmtp().getPort() + "\nprotocol lda {\n  mail_plugins = $mail_plugins sieve\n}\n"
                    // GreenMail refuses MAIL FROM:<>, so the reply comes from the recipient (a Dovecot setting)
                    + "plugin {\n  sieve_vacation_send_from_recipient = yes\n}\n");
            Path userHome = var.resolve("mail/demo");
            Files.createDirectories(userHome);
            Files.writeString(userHome.resolve(".dovecot.sieve"), "require [\"vacation\", \"copy\"];\n"
                    + "redirect :copy \"fwd@green.test\";\n"
                    + "vacation :days 1 :addresses [\"demo@loft.test\"] :subject \"Away\" \"Back soon.\";\n");
            String message = "From: Alice <alice@example.com>\nTo: demo@loft.test\nSubject: Hello there\n"
                    + "Message-ID: <g1@example.com>\n\nHi!\n";
            lda(config, message);
            lda(config, message.replace("<g1@", "<g2@").replace("Hello there", "Second"));
            assertThat(green.waitForIncomingEmail(10_000, 3)).isTrue();
            MimeMessage[] received = green.getReceivedMessages();
            assertThat(Arrays.stream(received).map(GreenMailUtil::getHeaders))
                    .anyMatch(h -> h.contains("Subject: Hello there"))
                    .anyMatch(h -> h.contains("Subject: Second"));
            MimeMessage[] replies = Arrays.stream(received).filter(m -> {
                try {
                    return "Away".equals(m.getSubject());
                } catch (jakarta.mail.MessagingException e) {
                    return false;
                }
            }).toArray(MimeMessage[]::new);
            assertThat(replies).hasSize(1); // once per period, although two messages came
            assertThat(replies[0].getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied (vacation)");
            assertThat(replies[0].getAllRecipients()[0].toString()).contains("alice@example.com");
            assertThat(GreenMailUtil.getBody(replies[0])).contains("Back soon.");
            Path maildir = userHome.resolve("Maildir");
            assertThat(inbox(maildir, "Subject: Hello there")).isTrue(); // redirect :copy keeps

            green.stop();
            Files.writeString(userHome.resolve(".dovecot.sieve"), "redirect \"fwd@green.test\";\n");
            lda(config, message.replace("<g1@", "<g3@").replace("Hello there", "Relay down"));
            assertThat(inbox(maildir, "Subject: Relay down")).isTrue(); // kept, not lost
        } finally {
            green.stop();
        }
    }
}
