package org.loftmail.smtp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;
import org.loftmail.smtp.codec.SmtpReply;

/** The relay client against a scripted server: per-recipient refusals, STARTTLS, implicit TLS, AUTH, failures. */
class SmtpRelayScriptedTest {

    private static final String EHLO_REPLY_PLAIN = "S:250-mx.loft.test\nS:250-PIPELINING\nS:250-8BITMIME\nS:250 SIZE 1000";

    private static InputStream message(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] script(String... steps) {
        return String.join("\n", steps).split("\n");
    }

    private static RelaySettings settings(int port) {
        return RelaySettings.plain("127.0.0.1", port, "relay.loft.test")
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    @Test
    void eachRecipientKeepsItsOwnReply() throws Exception {
        try (ScriptedServer server = new ScriptedServer(script(
                "S:220 mx.loft.test ESMTP", "C:EHLO relay.loft.test", EHLO_REPLY_PLAIN,
                "C:MAIL FROM:<s@loft.test> SIZE=13 BODY=8BITMIME", "S:250 2.1.0 OK",
                "C:RCPT TO:<a@x.test>", "S:250 2.1.5 OK",
                "C:RCPT TO:<gone@x.test>", "S:550 5.1.1 <gone@x.test> User unknown",
                "C:RCPT TO:<busy@x.test>", "S:451 4.3.0 Try later",
                "C:RCPT TO:<b@x.test>", "S:250 2.1.5 OK",
                "C:DATA", "S:354 go on", "DATA", "S:250 2.0.0 queued as 1",
                "C:QUIT", "S:221 2.0.0 Bye", "EOF"))) {
            RelayResult result = new SmtpRelay(settings(server.port())).relay("s@loft.test",
                    List.of("a@x.test", "gone@x.test", "busy@x.test", "b@x.test"), message(".hi\nthere\r\n"), 13);
            server.finish();
            assertThat(result.replies()).containsExactly(
                    java.util.Map.entry("a@x.test", SmtpReply.of(250, "2.0.0", "queued as 1")),
                    java.util.Map.entry("gone@x.test", SmtpReply.of(550, "5.1.1", "<gone@x.test> User unknown")),
                    java.util.Map.entry("busy@x.test", SmtpReply.of(451, "4.3.0", "Try later")),
                    java.util.Map.entry("b@x.test", SmtpReply.of(250, "2.0.0", "queued as 1")));
            assertThat(result.allAccepted()).isFalse();
            assertThat(result.failures()).containsOnlyKeys("gone@x.test", "busy@x.test");
            assertThat(server.messages).containsExactly("..hi\nthere\n");
        }
    }

    @Test
    void noAcceptedRecipientMeansNoData() throws Exception {
        try (ScriptedServer server = new ScriptedServer(script(
                "S:220 mx", "C:EHLO relay.loft.test", "S:250 mx",
                "C:MAIL FROM:<>", "S:250 OK", "C:RCPT TO:<a@x.test>", "S:550 no",
                "C:QUIT", "S:221 Bye", "EOF"))) {
            RelayResult result = new SmtpRelay(settings(server.port())).relay("", List.of("a@x.test"),
                    message("x"), -1);
            server.finish();
            assertThat(result.replies().get("a@x.test").code()).isEqualTo(550);
        }
    }

    @Test
    void aRefusedMailCommandIsThrownWithTheServersReply() throws Exception {
        try (ScriptedServer server = new ScriptedServer(script(
                "S:220 mx", "C:EHLO relay.loft.test", "S:250 mx",
                "C:MAIL FROM:<s@loft.test>", "S:452 4.3.1 Insufficient system storage"))) {
            assertThatThrownBy(() -> new SmtpRelay(settings(server.port())).relay("s@loft.test",
                    List.of("a@x.test"), message("x"), -1))
                    .isInstanceOfSatisfying(SmtpProtocolException.class, e -> {
                        assertThat(e.reply().temporary()).isTrue();
                        assertThat(e).hasMessage("MAIL failed: 452 4.3.1 Insufficient system storage");
                    });
            server.finish();
        }
    }

    @Test
    void startTlsThenAuthPlainThenASecondEhlo() throws Exception {
        TestTls tls = new TestTls();
        String plain = Base64.getEncoder().encodeToString("\0user\0secret".getBytes(StandardCharsets.UTF_8));
        try (ScriptedServer server = new ScriptedServer(tls.server, false, script(
                "S:220 mx", "C:EHLO relay.loft.test", "S:250-mx", "S:250 STARTTLS",
                "C:STARTTLS", "S:220 2.0.0 Ready", "TLS",
                "C:EHLO relay.loft.test", "S:250-mx", "S:250 AUTH LOGIN PLAIN",
                "C:AUTH PLAIN " + plain, "S:235 2.7.0 OK",
                "C:MAIL FROM:<s@loft.test>", "S:250 OK", "C:RCPT TO:<a@x.test>", "S:250 OK",
                "C:DATA", "S:354 go", "DATA", "S:250 sent", "C:QUIT", "S:221 Bye"))) {
            RelaySettings s = settings(server.port())
                    .withSecurity(ClientSecurity.STARTTLS, tls.trustingClient, true)
                    .withAuth("user", "secret", false);
            assertThat(new SmtpRelay(s).relay("s@loft.test", List.of("a@x.test"), message("m"), -1)
                    .allAccepted()).isTrue();
            server.finish();
        }
    }

    @Test
    void implicitTlsWithAuthLogin() throws Exception {
        TestTls tls = new TestTls();
        Base64.Encoder b64 = Base64.getEncoder();
        try (ScriptedServer server = new ScriptedServer(tls.server, true, script(
                "S:220 mx", "C:EHLO relay.loft.test", "S:250-mx", "S:250 AUTH LOGIN",
                "C:AUTH LOGIN", "S:334 VXNlcm5hbWU6", "C:" + b64.encodeToString("user".getBytes()),
                "S:334 UGFzc3dvcmQ6", "C:" + b64.encodeToString("secret".getBytes()), "S:235 2.7.0 OK",
                "C:MAIL FROM:<s@loft.test>", "S:250 OK", "C:RCPT TO:<a@x.test>", "S:250 OK",
                "C:DATA", "S:354 go", "DATA", "S:250 sent", "C:QUIT", "S:221 Bye"))) {
            RelaySettings s = settings(server.port())
                    .withSecurity(ClientSecurity.IMPLICIT_TLS, tls.trustingClient, true)
                    .withAuth("user", "secret", false);
            try (SmtpClient client = SmtpClient.connect(s)) {
                assertThat(client.isSecure()).isTrue();
                assertThat(client.mail("s@loft.test", -1).positive()).isTrue();
                assertThat(client.rcpt("a@x.test").positive()).isTrue();
                assertThat(client.data(message("m")).lines()).containsExactly("sent");
                client.quit();
            }
            server.finish();
        }
    }

    @Test
    void startTlsThatIsNotOfferedIsAnErrorNotAPlaintextFallback() throws Exception {
        try (ScriptedServer server = new ScriptedServer(script(
                "S:220 mx", "C:EHLO relay.loft.test", "S:250-mx", "S:250 AUTH PLAIN", "EOF"))) {
            RelaySettings s = settings(server.port()).withSecurity(ClientSecurity.STARTTLS, null, true)
                    .withAuth("user", "secret", false);
            assertThatThrownBy(() -> SmtpClient.connect(s)).hasMessageContaining("does not offer STARTTLS");
            server.finish();
        }
    }

    @Test
    void credentialsAreNotSentInClearText() throws Exception {
        try (ScriptedServer server = new ScriptedServer(script(
                "S:220 mx", "C:EHLO relay.loft.test", "S:250-mx", "S:250 AUTH PLAIN", "EOF"))) {
            RelaySettings s = settings(server.port()).withAuth("user", "secret", false);
            assertThatThrownBy(() -> SmtpClient.connect(s)).hasMessageContaining("without TLS");
            server.finish();
        }
    }

    @Test
    void anUntrustedCertificateFailsTheHandshake() throws Exception {
        TestTls tls = new TestTls();
        try (ScriptedServer server = new ScriptedServer(tls.server, true, script("S:220 mx"))) {
            RelaySettings s = settings(server.port()).withSecurity(ClientSecurity.IMPLICIT_TLS, null, true);
            assertThatThrownBy(() -> SmtpClient.connect(s)).isInstanceOf(SSLException.class);
        }
    }

    @Test
    void anOldServerGetsHeloAndNoExtensions() throws Exception {
        try (ScriptedServer server = new ScriptedServer(script(
                "S:220 mx", "C:EHLO relay.loft.test", "S:502 5.5.1 What?", "C:HELO relay.loft.test", "S:250 mx",
                "C:MAIL FROM:<s@loft.test>", "S:250 OK"))) {
            try (SmtpClient client = SmtpClient.connect(settings(server.port()))) {
                assertThat(client.extensions()).isEmpty();
                assertThat(client.mail("s@loft.test", 100).code()).isEqualTo(250);
            }
            server.finish();
        }
    }

    @Test
    void addressesThatCouldInjectACommandAreRefusedBeforeSending() throws Exception {
        try (ScriptedServer server = new ScriptedServer(script(
                "S:220 mx", "C:EHLO relay.loft.test", "S:250 mx", "EOF"))) {
            try (SmtpClient client = SmtpClient.connect(settings(server.port()))) {
                assertThatThrownBy(() -> client.rcpt("a@x>\r\nRCPT TO:<b@y"))
                        .isInstanceOf(IllegalArgumentException.class);
            }
            server.finish();
        }
    }
}
