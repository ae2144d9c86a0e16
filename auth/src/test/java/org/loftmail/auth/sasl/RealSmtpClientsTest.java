package org.loftmail.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Angus Mail's and Python smtplib's AUTH implementations against Loft's mechanisms. */
class RealSmtpClientsTest {
    private final MapPassdb passdb = new MapPassdb()
            .with("alice", "{PLAIN}s3cret pässword")
            .with("bob", "{SSHA512}" + MapPassdb.SCHEMES.generate("SSHA512", MapPassdb.bytes("ascii only"),
                    org.loftmail.auth.scheme.GenerateOptions.defaults()).value())
            .with("carol", "{CRAM-MD5}" + MapPassdb.SCHEMES.generate("CRAM-MD5", MapPassdb.bytes("ascii only"),
                    org.loftmail.auth.scheme.GenerateOptions.defaults()).value());
    private SmtpAuthPeer peer;

    @BeforeEach
    void start() throws IOException {
        peer = new SmtpAuthPeer(SaslMechanisms.fromSetting("plain login cram-md5",
                new SaslMechanisms.Settings("localhost", "anonymous", MapPassdb.SCHEMES)), passdb);
    }

    @AfterEach
    void stop() throws IOException {
        peer.close();
    }

    private Transport angus(String mechanism, boolean sasl) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(peer.port()));
        p.put("mail.smtp.auth", "true");
        p.put("mail.smtp.auth.mechanisms", mechanism);
        p.put("mail.smtp.connectiontimeout", "5000");
        p.put("mail.smtp.timeout", "5000");
        if (sasl) {
            p.put("mail.smtp.sasl.enable", "true");
            p.put("mail.smtp.sasl.mechanisms", mechanism);
        }
        return Session.getInstance(p).getTransport("smtp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "LOGIN"})
    void angusBuiltInAuthenticators(String mechanism) throws Exception {
        Transport t = angus(mechanism, false);
        t.connect("alice", "s3cret pässword");
        assertThat(t.isConnected()).isTrue();
        t.close();
        assertThat(peer.lastUser).isEqualTo("alice");
        assertThatThrownBy(() -> angus(mechanism, false).connect("alice", "wrong"))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "CRAM-MD5"})
    void angusThroughJavaSasl(String mechanism) throws Exception {
        Transport t = angus(mechanism, true);
        t.connect("alice", "s3cret pässword");
        t.close();
        assertThat(peer.lastUser).isEqualTo("alice");
        assertThatThrownBy(() -> angus(mechanism, true).connect("alice", "wrong"))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "LOGIN", "CRAM-MD5"})
    void pythonSmtplib(String mechanism) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "python3 not installed");
        String method = "auth_" + mechanism.toLowerCase(java.util.Locale.ROOT).replace('-', '_');
        String script = String.join("\n",
                "import smtplib, sys",
                "s = smtplib.SMTP('127.0.0.1', int(sys.argv[1]), timeout=10)",
                "s.ehlo()",
                "s.user, s.password = sys.argv[2], sys.argv[3]",
                "code, _ = s.auth('" + mechanism + "', getattr(s, '" + method + "'), initial_response_ok=" + (mechanism.equals("CRAM-MD5") ? "False" : "True") + ")" ,
                "print(code)",
                "s.quit()");
        // smtplib sends only ASCII credentials; CRAM-MD5 needs plaintext or CRAM-MD5 credentials
        String user = mechanism.equals("CRAM-MD5") ? "carol" : "bob";
        assertThat(runPython(python, script, user, "ascii only")).isEqualTo("235");
        assertThat(peer.lastUser).isEqualTo(user);
        assertThat(runPython(python, script, user, "wrong")).contains("535");
    }

    private String runPython(Path python, String script, String user, String password) throws Exception {
        Process p = new ProcessBuilder(python.toString(), "-c", script, String.valueOf(peer.port()), user, password)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
