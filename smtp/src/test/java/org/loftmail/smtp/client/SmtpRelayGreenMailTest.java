package org.loftmail.smtp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.DummySSLSocketFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay client against GreenMail, an independent SMTP server: plain with AUTH, implicit TLS, refused AUTH. */
class SmtpRelayGreenMailTest {

    private static final String MESSAGE = "From: s@loft.test\r\nTo: a@green.test, b@green.test\r\n"
            + "Subject: relayed\r\n\r\nfirst line\r\n.leading dot\r\n..two dots\r\n.\r\nlast\r\n";

    private GreenMail greenMail;

    @BeforeEach
    void start() {
        ServerSetup[] setups = ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.SMTPS});
        greenMail = new GreenMail(setups).withConfiguration(GreenMailConfiguration.aConfig()
                .withUser("relay@green.test", "relay", "s3cret"));
        greenMail.start();
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    private RelaySettings plain() {
        return RelaySettings.plain("127.0.0.1", greenMail.getSmtp().getPort(), "relay.loft.test")
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20));
    }

    @Test
    void relaysAMessageWithDotsIntactToEveryRecipientAfterAuthPlain() throws Exception {
        RelayResult result = new SmtpRelay(plain().withAuth("relay", "s3cret", true)).relay("s@loft.test",
                List.of("a@green.test", "b@green.test"), stream(MESSAGE), MESSAGE.length());
        assertThat(result.allAccepted()).isTrue();
        assertThat(greenMail.waitForIncomingEmail(5000, 2)).isTrue();
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(received[0].getSubject()).isEqualTo("relayed");
        assertThat(GreenMailUtil.getBody(received[0])).isEqualTo("first line\r\n.leading dot\r\n..two dots\r\n.\r\nlast");
        assertThat(List.of(received[0].getAllRecipients()[0].toString(), received[1].getRecipients(Message.RecipientType.TO)[1].toString()))
                .containsExactly("a@green.test", "b@green.test");
    }

    @Test
    void relaysOverImplicitTls() throws Exception {
        RelaySettings tls = RelaySettings.plain("127.0.0.1", greenMail.getSmtps().getPort(), "relay.loft.test")
                // GreenMail's own certificate names no host we connect to: its trust-anything factory
                .withSecurity(ClientSecurity.IMPLICIT_TLS, new DummySSLSocketFactory(), false)
                .withAuth("relay", "s3cret", false);
        // GreenMail takes MAIL FROM:<> but then forgets it (503 at RCPT), so a real sender here.
        new SmtpSender(tls).send("s@loft.test", List.of("a@green.test"), stream(MESSAGE));
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(greenMail.getReceivedMessages()[0].getSubject()).isEqualTo("relayed");
    }

    @Test
    void wrongCredentialsAreAProtocolError() {
        assertThatThrownBy(() -> new SmtpRelay(plain().withAuth("relay", "wrong", true)).relay("s@loft.test",
                List.of("a@green.test"), stream(MESSAGE), -1))
                .isInstanceOfSatisfying(SmtpProtocolException.class,
                        e -> assertThat(e.reply().code()).isEqualTo(535));
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
