package org.loftmail.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.SslContext;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetServerTest {

    private static NetServer server;
    private static SelfSignedCertificates.PemPair pem;
    private static SslContext tls;

    @BeforeAll
    static void start() throws Exception {
        server = new NetServer(2);
        pem = SelfSignedCertificates.generate("loft.test");
        tls = TlsContexts.server(new TlsSettings(pem.certPem(), pem.keyPem(), null, "", "TLSv1.2", "", true, false, "test"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static BoundListener listen(boolean implicitTls, ConnectionLimiter limiter) throws IOException {
        return server.bind(new ListenerSpec.Inet("echo", "echo", "127.0.0.1", ListenerSpec.EPHEMERAL, implicitTls),
                new EchoService(), tls, limiter);
    }

    private static SSLContext clientTrustingTestCertificate() throws Exception {
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.certPem().getBytes(StandardCharsets.US_ASCII)));
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("loft", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private record Client(Socket socket, BufferedReader in, OutputStream out) implements AutoCloseable {
        static Client of(Socket s) throws IOException {
            s.setSoTimeout(10_000);
            return new Client(s, new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)),
                    s.getOutputStream());
        }

        String send(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void plainConnectionGreetsAndEchoesPipelinedLines() throws Exception {
        try (BoundListener l = listen(false, ConnectionLimiter.unlimited());
                Client c = Client.of(new Socket("127.0.0.1", l.port()))) {
            assertThat(c.in.readLine()).isEqualTo("HELLO");
            c.out.write("one\r\ntwo\nthree\r\n".getBytes(StandardCharsets.US_ASCII));
            c.out.flush();
            assertThat(c.in.readLine()).isEqualTo("ECHO one");
            assertThat(c.in.readLine()).isEqualTo("ECHO two");
            assertThat(c.in.readLine()).isEqualTo("ECHO three");
        }
    }

    @Test
    void implicitTlsHandshakesWithARealClient() throws Exception {
        try (BoundListener l = listen(true, ConnectionLimiter.unlimited())) {
            SSLSocket socket = (SSLSocket) clientTrustingTestCertificate().getSocketFactory()
                    .createSocket("127.0.0.1", l.port());
            socket.startHandshake();
            try (Client c = Client.of(socket)) {
                assertThat(c.in.readLine()).isEqualTo("HELLO tls");
                assertThat(c.send("hi")).isEqualTo("ECHO hi (tls)");
                assertThat(socket.getSession().getProtocol()).isIn("TLSv1.2", "TLSv1.3");
            }
        }
    }

    @Test
    void startTlsUpgradesAndDropsPlaintextInjectedAfterIt() throws Exception {
        try (BoundListener l = listen(false, ConnectionLimiter.unlimited());
                Socket plain = new Socket("127.0.0.1", l.port())) {
            Client c = Client.of(plain);
            assertThat(c.in.readLine()).isEqualTo("HELLO");
            // The classic STARTTLS injection: a command pipelined in plaintext after STARTTLS.
            c.out.write("STARTTLS\r\ninjected\r\n".getBytes(StandardCharsets.US_ASCII));
            c.out.flush();
            assertThat(c.in.readLine()).isEqualTo("GO");
            SSLSocket tlsSocket = (SSLSocket) clientTrustingTestCertificate().getSocketFactory()
                    .createSocket(plain, "127.0.0.1", l.port(), true);
            tlsSocket.startHandshake();
            Client t = Client.of(tlsSocket);
            assertThat(t.send("after")).isEqualTo("ECHO after (tls)");
            tlsSocket.close();
        }
    }

    @Test
    void rawDataFollowsALineExactly() throws Exception {
        try (BoundListener l = listen(false, ConnectionLimiter.unlimited());
                Client c = Client.of(new Socket("127.0.0.1", l.port()))) {
            c.in.readLine();
            c.out.write("RAW 5\r\nab\r\ncnext\r\n".getBytes(StandardCharsets.US_ASCII));
            c.out.flush();
            assertThat(c.in.readLine()).isEqualTo("SEND");
            assertThat(c.in.readLine()).isEqualTo("GOT 5 ab"); // the raw bytes held a CRLF
            assertThat(c.in.readLine()).isEqualTo("c");
            assertThat(c.in.readLine()).isEqualTo("ECHO next");
        }
    }

    @Test
    void overLongLineGetsAnErrorAndTheSessionGoesOn() throws Exception {
        try (BoundListener l = listen(false, ConnectionLimiter.unlimited());
                Client c = Client.of(new Socket("127.0.0.1", l.port()))) {
            c.in.readLine();
            c.out.write(("x".repeat(1_000_000) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            c.out.flush();
            assertThat(c.in.readLine()).isEqualTo("ERR line too long");
            assertThat(c.send("still here")).isEqualTo("ECHO still here");
        }
    }

    @Test
    void connectionsOverThePerAddressLimitAreTurnedAway() throws Exception {
        try (BoundListener l = listen(false, new ConnectionLimiter(0, 2));
                Client a = Client.of(new Socket("127.0.0.1", l.port()));
                Client b = Client.of(new Socket("127.0.0.1", l.port()))) {
            assertThat(a.in.readLine()).isEqualTo("HELLO");
            assertThat(b.in.readLine()).isEqualTo("HELLO");
            try (Client c = Client.of(new Socket("127.0.0.1", l.port()))) {
                assertThat(c.in.readLine()).isEqualTo("BYE too many");
                assertThat(c.in.readLine()).isNull();
            }
            assertThat(a.send("QUIT")).isEqualTo("BYE");
            // the slot is free again once the server has seen the close
            for (int i = 0; i < 100; i++) {
                try (Client d = Client.of(new Socket("127.0.0.1", l.port()))) {
                    if ("HELLO".equals(d.in.readLine())) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
            throw new AssertionError("a freed slot was never reused");
        }
    }

    @Test
    void idleTimeoutLetsTheSessionSayGoodbye() throws Exception {
        try (BoundListener l = listen(false, ConnectionLimiter.unlimited());
                Client c = Client.of(new Socket("127.0.0.1", l.port()))) {
            c.in.readLine();
            assertThat(c.send("IDLE 200")).isEqualTo("IDLING");
            assertThat(c.in.readLine()).isEqualTo("TIMEOUT");
            assertThat(c.in.readLine()).isNull();
        }
    }

    @Test
    void aClientThatReadsSlowlyStillGetsEverythingInOrder() throws Exception {
        try (BoundListener l = listen(false, ConnectionLimiter.unlimited());
                Client c = Client.of(new Socket("127.0.0.1", l.port()))) {
            c.in.readLine();
            c.out.write("BIG\r\n".getBytes(StandardCharsets.US_ASCII));
            c.out.flush();
            Thread.sleep(300); // the server fills the socket and must wait for us, not buffer 2 MB
            for (int i = 0; i < 2000; i++) {
                assertThat(c.in.readLine()).hasSize(1000);
            }
            assertThat(c.in.readLine()).isEqualTo("END");
        }
    }

    @Test
    void unixListenerIsCreatedWithTheConfiguredModeAndAnswers(@TempDir Path dir) throws Exception {
        Path socketPath = dir.resolve("echo.sock");
        ListenerSpec.Unix spec = new ListenerSpec.Unix("echo", "echo", socketPath, 0660, "", "");
        try (BoundListener l = server.bind(spec, new EchoService(), null, ConnectionLimiter.unlimited())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socketPath))).isEqualTo("rw-rw----");
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(socketPath));
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch)));
                assertThat(in.readLine()).isEqualTo("HELLO");
                ch.write(ByteBuffer.wrap("ping\r\n".getBytes(StandardCharsets.US_ASCII)));
                assertThat(in.readLine()).isEqualTo("ECHO ping");
            }
        }
        assertThat(socketPath).doesNotExist();
    }

    @Test
    void missingSocketDirectoryIsNamedInTheError(@TempDir Path dir) {
        ListenerSpec.Unix spec = new ListenerSpec.Unix("echo", "echo", dir.resolve("nope/echo.sock"), 0600, "", "");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> server.bind(spec, new EchoService(), null, ConnectionLimiter.unlimited()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("nope")
                .hasMessageContaining("does not exist");
    }

    @Test
    void portInUseIsNamedInTheError() throws Exception {
        try (BoundListener l = listen(false, ConnectionLimiter.unlimited())) {
            ListenerSpec.Inet clash = new ListenerSpec.Inet("echo", "imap", "127.0.0.1", l.port(), false);
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> server.bind(clash, new EchoService(), null, ConnectionLimiter.unlimited()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(String.valueOf(l.port()))
                    .hasMessageContaining("in use");
        }
    }

    @Test
    void openSslCipherExpressionsAreAccepted() throws Exception {
        SslContext ctx = TlsContexts.server(new TlsSettings(pem.certPem(), pem.keyPem(), null, "", "TLSv1.2",
                "ALL:!LOW:!SSLv2:!SSLv3:!EXP:!aNULL", true, false, "test"));
        assertThat(ctx.cipherSuites()).isNotEmpty().noneMatch(c -> c.contains("CBC3"));
        try (BoundListener l = server.bind(new ListenerSpec.Inet("echo", "s", "127.0.0.1", ListenerSpec.EPHEMERAL, true),
                new EchoService(), ctx, ConnectionLimiter.unlimited())) {
            SSLSocket socket = (SSLSocket) clientTrustingTestCertificate().getSocketFactory()
                    .createSocket("127.0.0.1", l.port());
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.startHandshake();
            assertThat(socket.getSession().getCipherSuite()).contains("ECDHE");
            socket.close();
        }
    }

    @Test
    void clientCertificatesAreAskedForAndVerifiedWhenConfigured() throws Exception {
        SelfSignedCertificates.PemPair client = SelfSignedCertificates.generate("client.example");
        SslContext verifying = TlsContexts.server(new TlsSettings(pem.certPem(), pem.keyPem(), null, client.certPem(),
                "TLSv1.2", "", true, true, "test"));
        java.security.cert.Certificate clientCert = CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(client.certPem().getBytes(StandardCharsets.US_ASCII)));
        String keyBase64 = client.keyPem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        java.security.PrivateKey key = java.security.KeyFactory.getInstance("EC").generatePrivate(
                new java.security.spec.PKCS8EncodedKeySpec(java.util.Base64.getDecoder().decode(keyBase64)));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("client", key, "pw".toCharArray(), new java.security.cert.Certificate[] {clientCert});
        javax.net.ssl.KeyManagerFactory kmf =
                javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "pw".toCharArray());
        SSLContext withCert = SSLContext.getInstance("TLS");
        withCert.init(kmf.getKeyManagers(), trustManagersForTestCertificate(), null);
        try (BoundListener l = server.bind(new ListenerSpec.Inet("echo", "s", "127.0.0.1", ListenerSpec.EPHEMERAL, true),
                new EchoService(), verifying, ConnectionLimiter.unlimited())) {
            SSLSocket socket = (SSLSocket) withCert.getSocketFactory().createSocket("127.0.0.1", l.port());
            socket.startHandshake();
            try (Client c = Client.of(socket)) {
                c.in.readLine();
                assertThat(c.send("WHO")).startsWith("CERT ").contains("CN=client.example");
            }
            SSLSocket anonymous = (SSLSocket) clientTrustingTestCertificate().getSocketFactory()
                    .createSocket("127.0.0.1", l.port());
            anonymous.startHandshake();
            try (Client c = Client.of(anonymous)) {
                c.in.readLine();
                assertThat(c.send("WHO")).isEqualTo("CERT none");
            }
        }
    }

    private static javax.net.ssl.TrustManager[] trustManagersForTestCertificate() throws Exception {
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.certPem().getBytes(StandardCharsets.US_ASCII)));
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("loft", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        return tmf.getTrustManagers();
    }

    @Test
    void aCipherListThatSelectsNothingIsAnError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TlsContexts.server(new TlsSettings(pem.certPem(),
                        pem.keyPem(), null, "", "TLSv1.2", "NOSUCH:!ALL", true, false, "10-ssl.conf:3")))
                .hasMessageContaining("10-ssl.conf:3")
                .hasMessageContaining("ssl_cipher_list");
    }

    @Test
    void aBrokenKeyIsReportedWithTheSetting() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TlsContexts.server(
                        new TlsSettings(pem.certPem(), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", null,
                                "", "TLSv1.2", "", true, false, "10-ssl.conf:12")))
                .hasMessageContaining("10-ssl.conf:12")
                .hasMessageContaining("ssl_key");
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsReportedWithTheSetting() {
        SelfSignedCertificates.PemPair other = SelfSignedCertificates.generate("other.test");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TlsContexts.server(new TlsSettings(pem.certPem(),
                        other.keyPem(), null, "", "TLSv1.2", "", true, false, "10-ssl.conf:7")))
                .hasMessageContaining("10-ssl.conf:7")
                .hasMessageContaining("not the private key");
    }

    @Test
    void aCipherListLeavesTheTls13SuitesSoTls13OnlyServersAcceptClients() throws Exception {
        SslContext onlyTls13 = TlsContexts.server(new TlsSettings(pem.certPem(), pem.keyPem(), null, "", "TLSv1.3",
                "ALL:!LOW:!SSLv2:!SSLv3:!EXP:!aNULL", true, false, "test"));
        try (BoundListener l = server.bind(new ListenerSpec.Inet("echo", "s", "127.0.0.1", ListenerSpec.EPHEMERAL,
                true), new EchoService(), onlyTls13, ConnectionLimiter.unlimited())) {
            SSLSocket socket = (SSLSocket) clientTrustingTestCertificate().getSocketFactory()
                    .createSocket("127.0.0.1", l.port());
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
            socket.close();
        }
    }
}
