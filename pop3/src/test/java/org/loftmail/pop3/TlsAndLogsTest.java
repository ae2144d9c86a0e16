package org.loftmail.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.log.MailLog;
import org.slf4j.LoggerFactory;

/** STLS on a real socket (and the STARTTLS injection), CRAM-MD5, ssl = required, and Dovecot's log lines. */
class TlsAndLogsTest {

    @TempDir
    Path dir;

    Pop3TestServer server;
    ListAppender<ILoggingEvent> logs;

    private void start(Pop3Settings settings) throws Exception {
        server = new Pop3TestServer(dir, settings);
        server.deliver("jsmith", "From: a@example.com\r\nSubject: hello\r\n\r\n" + "x".repeat(335) + "\r\n");
    }

    @BeforeEach
    void captureLogs() {
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(MailLog.LOGGER_ROOT)).addAppender(logs);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(MailLog.LOGGER_ROOT)).detachAppender(logs);
        if (server != null) {
            server.close();
        }
    }

    private List<String> logLines() {
        List<String> out = new ArrayList<>();
        for (ILoggingEvent e : logs.list) {
            out.add(e.getFormattedMessage());
        }
        return out;
    }

    private static String readLine(BufferedReader in) throws Exception {
        return in.readLine();
    }

    @Test
    void stlsUpgradesDropsInjectedPlaintextAndThenOffersUser() throws Exception {
        start(Pop3Settings.defaults());
        try (Socket plain = server.connect()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(plain.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = plain.getOutputStream();
            assertThat(readLine(in)).isEqualTo("+OK Loft ready.");
            // The classic STARTTLS injection: a command pipelined in plaintext behind STLS.
            out.write("STLS\r\nUSER injected\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readLine(in)).isEqualTo("+OK Begin TLS negotiation now.");
            SSLSocket tls = (SSLSocket) Pop3TestServer.clientTls().getSocketFactory()
                    .createSocket(plain, Pop3TestServer.HOST, server.plain.port(), true);
            tls.startHandshake();
            Pop3Client c = new Pop3Client(tls);
            // Had "USER injected" run, PASS would now be tried for "injected"; it must be "No username given."
            assertThat(c.command("PASS secret")).isEqualTo("-ERR No username given.");
            Pop3Client.expectOk(c.command("CAPA"));
            List<String> capa = c.readMultiline();
            assertThat(capa).contains("USER", "SASL PLAIN LOGIN CRAM-MD5 SCRAM-SHA-256").doesNotContain("STLS");
            assertThat(c.command("STLS")).isEqualTo("-ERR TLS is already active.");
            Pop3Client.expectOk(c.command("USER jsmith"));
            assertThat(c.command("PASS secret")).isEqualTo("+OK Logged in.");
            Pop3Client.expectOk(c.command("CAPA"));
            assertThat(c.readMultiline()).containsExactly("CAPA", "TOP", "UIDL", "RESP-CODES", "PIPELINING",
                    "AUTH-RESP-CODE", "IMPLEMENTATION Loft");
            Pop3Client.expectOk(c.command("RETR 1"));
            c.readMultiline();
            assertThat(c.command("QUIT")).isEqualTo("+OK Logging out.");
            tls.close();
        }
        List<String> lines = logLines();
        assertThat(lines).anyMatch(l -> l.matches("pop3-login: Info: Login: user=<jsmith>, method=PLAIN, "
                + "rip=127\\.0\\.0\\.1, lip=127\\.0\\.0\\.2, mpid=\\d+, TLS, session=<[^>]+>"));
        // Dovecot's pop3_logout_format counts RETR bytes as the status line "+OK 376 octets\r\n" (16) plus the
        // content sent (376 here, nothing to stuff), without the final ".\r\n".
        assertThat(lines).contains("pop3(jsmith): Info: Disconnected: Logged out top=0/0, retr=1/" + (16 + 376)
                + ", del=0/1, size=376");
    }

    @Test
    void cramMd5LogsInWithTheStoredPlainPassword() throws Exception {
        start(Pop3Settings.defaults());
        try (Pop3Client c = new Pop3Client(server.connect())) {
            c.readLine();
            String challenge = c.command("AUTH CRAM-MD5");
            assertThat(challenge).startsWith("+ ");
            byte[] decoded = Base64.getDecoder().decode(challenge.substring(2));
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec("secret".getBytes(StandardCharsets.US_ASCII), "HmacMD5"));
            String answer = "jsmith " + HexFormat.of().formatHex(mac.doFinal(decoded));
            assertThat(c.command(Base64.getEncoder().encodeToString(answer.getBytes(StandardCharsets.US_ASCII))))
                    .isEqualTo("+OK Logged in.");
            assertThat(c.command("STAT")).isEqualTo("+OK 1 376");
        }
        assertThat(logLines()).anyMatch(l -> l.startsWith("pop3-login: Info: Login: user=<jsmith>, method=CRAM-MD5, "));
    }

    @Test
    void sslRequiredRefusesEveryAuthenticationBeforeTls() throws Exception {
        start(Pop3Settings.defaults().withLogin("Loft ready.", true));
        try (Pop3Client c = new Pop3Client(server.connect())) {
            c.readLine();
            Pop3Client.expectOk(c.command("CAPA"));
            assertThat(c.readMultiline()).contains("STLS", "SASL").doesNotContain("USER");
            assertThat(c.command("AUTH CRAM-MD5")).isEqualTo(
                    "-ERR [AUTH] Authentication not allowed until SSL/TLS is enabled.");
        }
    }

    @Test
    void aDroppedSessionAndAnAbortedLoginAreLoggedLikeDovecot() throws Exception {
        start(Pop3Settings.defaults());
        try (Pop3Client c = new Pop3Client(server.connect())) {
            c.readLine();
            assertThat(c.command("QUIT")).isEqualTo("+OK Logging out");
        }
        try (Socket s = Pop3TestServer.clientTls().getSocketFactory().createSocket(Pop3TestServer.HOST,
                server.implicitTls.port())) {
            Pop3Client c = new Pop3Client(s);
            c.readLine();
            c.command("USER jsmith");
            c.command("PASS secret");
            c.command("DELE 1");
        }
        try (Pop3Client c = new Pop3Client(server.connect())) {
            c.readLine();
            assertThat(c.command("USER jsmith")).startsWith("-ERR [AUTH] Plaintext authentication disallowed");
            c.command("QUIT");
        }
        for (int i = 0; i < 100 && logLines().stream().noneMatch(l -> l.contains("Connection closed")); i++) {
            Thread.sleep(20);
        }
        assertThat(logLines()).anyMatch(l -> l.matches("pop3-login: Info: Disconnected: Aborted login by logging out "
                + "\\(no auth attempts in \\d+ secs\\): user=<>, rip=127\\.0\\.0\\.1, lip=127\\.0\\.0\\.2, session=<[^>]+>"));
        assertThat(logLines()).contains(
                "pop3(jsmith): Info: Disconnected: Connection closed top=0/0, retr=0/0, del=0/1, size=376");
        assertThat(logLines()).anyMatch(l -> l.matches("pop3-login: Info: Disconnected: Aborted login by logging out "
                + "\\(tried to use disallowed plaintext auth\\): user=<jsmith>, method=PLAIN, rip=127\\.0\\.0\\.1, "
                + "lip=127\\.0\\.0\\.2, session=<[^>]+>"));
    }

    @Test
    void manyStlsUpgradesInARowAllHandshake() throws Exception {
        // A fast client sends its ClientHello the moment it reads "+OK Begin TLS negotiation now."; that must
        // never be mistaken for plaintext pipelined behind STLS (a race that once stalled the handshake).
        start(Pop3Settings.defaults());
        for (int i = 0; i < 30; i++) {
            try (Socket plain = server.connect()) {
                Pop3Client c = new Pop3Client(plain);
                c.readLine();
                assertThat(c.command("STLS")).isEqualTo("+OK Begin TLS negotiation now.");
                SSLSocket tls = (SSLSocket) Pop3TestServer.clientTls().getSocketFactory()
                        .createSocket(plain, Pop3TestServer.HOST, server.plain.port(), true);
                tls.setSoTimeout(5_000);
                tls.startHandshake();
                Pop3Client t = new Pop3Client(tls);
                assertThat(t.command("NOOP")).isEqualTo("-ERR Unknown command.");
                assertThat(t.command("QUIT")).isEqualTo("+OK Logging out");
            }
        }
    }

    @Test
    void scramSha256EndsWithTheServerSignatureAsALastChallenge() throws Exception {
        // RFC 5034 has no "additional data with success": the server-final message goes out as a challenge and
        // the client answers it with an empty line before "+OK".
        start(Pop3Settings.defaults());
        try (Pop3Client c = new Pop3Client(server.connect())) {
            c.readLine();
            String clientFirstBare = "n=jsmith,r=clientnonce123";
            String serverFirst = decode(c.command("AUTH SCRAM-SHA-256 " + encode("n,," + clientFirstBare)));
            java.util.Map<String, String> f = fields(serverFirst);
            assertThat(f.get("r")).startsWith("clientnonce123");
            byte[] salted = pbkdf2("secret", Base64.getDecoder().decode(f.get("s")), Integer.parseInt(f.get("i")));
            byte[] clientKey = hmac(salted, "Client Key");
            byte[] storedKey = java.security.MessageDigest.getInstance("SHA-256").digest(clientKey);
            String withoutProof = "c=biws,r=" + f.get("r");
            String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
            byte[] signature = hmac(storedKey, authMessage);
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ signature[i]);
            }
            String serverFinal = decode(c.command(
                    encode(withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof))));
            byte[] serverSignature = hmac(hmac(salted, "Server Key"), authMessage);
            assertThat(serverFinal).isEqualTo("v=" + Base64.getEncoder().encodeToString(serverSignature));
            assertThat(c.command("")).isEqualTo("+OK Logged in.");
            assertThat(c.command("STAT")).isEqualTo("+OK 1 376");
        }
    }

    private static String encode(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String continuation) {
        assertThat(continuation).startsWith("+ ");
        return new String(Base64.getDecoder().decode(continuation.substring(2)), StandardCharsets.UTF_8);
    }

    private static java.util.Map<String, String> fields(String message) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        for (String part : message.split(",")) {
            out.put(part.substring(0, 1), part.substring(2));
        }
        return out;
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) throws Exception {
        javax.crypto.SecretKeyFactory f = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        return f.generateSecret(new javax.crypto.spec.PBEKeySpec(password.toCharArray(), salt, iterations, 256))
                .getEncoded();
    }
}
