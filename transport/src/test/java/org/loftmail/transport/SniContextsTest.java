package org.loftmail.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.SslContext;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Per-name contexts chosen by SNI, checked with real handshakes from the JDK's TLS client. */
class SniContextsTest {

    private static NetServer server;
    private static SslContext fallback;
    private static SslContext exact;
    private static SslContext wildcard;
    private static SniContexts contexts;

    @BeforeAll
    static void start() throws Exception {
        server = new NetServer(1);
        fallback = context("default.test");
        exact = context("mail.example.com");
        wildcard = context("any.example.org");
        Map<String, SslContext> byName = new LinkedHashMap<>();
        byName.put("*.example.org", wildcard);
        byName.put("Mail.Example.com", exact);
        contexts = SniContexts.of(fallback, byName);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static SslContext context(String host) throws Exception {
        SelfSignedCertificates.PemPair pem = SelfSignedCertificates.generate(host);
        return TlsContexts.server(new TlsSettings(pem.certPem(), pem.keyPem(), null, "", "TLSv1.2", "", true, false,
                host));
    }

    @Test
    void exactNamesWinOverWildcardsAndUnknownNamesGetTheDefault() {
        SslContext exactOrg = fallback; // any context will do as a marker
        SniContexts c = SniContexts.of(fallback, Map.of("*.example.org", wildcard, "imap.example.org", exactOrg,
                "mail.example.com", exact));
        assertThat(c.map("IMAP.example.ORG")).isSameAs(exactOrg);
        assertThat(c.map("pop.example.org")).isSameAs(wildcard);
        assertThat(c.map("mail.example.com")).isSameAs(exact);
        assertThat(c.map("mail.example.com.")).as("as Dovecot: no match").isSameAs(fallback);
        assertThat(c.map("a.b.example.org")).as("a * is one label").isSameAs(fallback);
        assertThat(c.map("example.org")).isSameAs(fallback);
        assertThat(c.map("other.test")).isSameAs(fallback);
        assertThat(c.map(null)).isSameAs(fallback);
    }

    @Test
    void theWildcardWithFewerStarsWins() {
        SniContexts c = SniContexts.of(fallback, new LinkedHashMap<>(Map.of("*.*.org", exact, "*.example.org", wildcard)));
        assertThat(c.map("mail.example.org")).isSameAs(wildcard);
        assertThat(c.map("mail.other.org")).isSameAs(exact);
    }

    @Test
    void implicitTlsServesTheCertificateForTheNameAsked() throws Exception {
        try (BoundListener l = listen(true)) {
            assertThat(servedTo(l, "mail.example.com")).isEqualTo("CN=mail.example.com");
            assertThat(servedTo(l, "MAIL.EXAMPLE.COM")).isEqualTo("CN=mail.example.com");
            assertThat(servedTo(l, "imap.example.org")).isEqualTo("CN=any.example.org");
            assertThat(servedTo(l, "unknown.example.net")).isEqualTo("CN=default.test");
            assertThat(servedTo(l, null)).isEqualTo("CN=default.test");
        }
    }

    @Test
    void startTlsServesTheCertificateForTheNameAsked() throws Exception {
        try (BoundListener l = listen(false)) {
            assertThat(afterStartTls(l, "pop.example.org")).isEqualTo("CN=any.example.org");
            assertThat(afterStartTls(l, "mail.example.com")).isEqualTo("CN=mail.example.com");
            assertThat(afterStartTls(l, null)).isEqualTo("CN=default.test");
        }
    }

    @Test
    void aListenerTakesNewContextsForNewConnections() throws Exception {
        AtomicReference<SniContexts> current = new AtomicReference<>(SniContexts.single(fallback));
        try (BoundListener l = server.bindReloadable(
                new ListenerSpec.Inet("echo", "s", "127.0.0.1", ListenerSpec.EPHEMERAL, true), new EchoService(),
                current::get, ConnectionLimiter.unlimited())) {
            assertThat(servedTo(l, "mail.example.com")).isEqualTo("CN=default.test");
            current.set(contexts);
            assertThat(servedTo(l, "mail.example.com")).isEqualTo("CN=mail.example.com");
        }
    }

    private static BoundListener listen(boolean implicitTls) throws Exception {
        return server.bindReloadable(new ListenerSpec.Inet("echo", "s", "127.0.0.1", ListenerSpec.EPHEMERAL,
                implicitTls), new EchoService(), () -> contexts, ConnectionLimiter.unlimited());
    }

    /** The CN of the certificate the server presents to a client sending {@code sni} (null: none). */
    private static String servedTo(BoundListener l, String sni) throws Exception {
        try (SSLSocket socket = (SSLSocket) trustingAll().getSocketFactory().createSocket("127.0.0.1", l.port())) {
            return handshake(socket, sni);
        }
    }

    private static String afterStartTls(BoundListener l, String sni) throws Exception {
        try (Socket plain = new Socket("127.0.0.1", l.port())) {
            plain.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(plain.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = plain.getOutputStream();
            assertThat(in.readLine()).isEqualTo("HELLO");
            out.write("STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(in.readLine()).isEqualTo("GO");
            SSLSocket socket = (SSLSocket) trustingAll().getSocketFactory().createSocket(plain, "127.0.0.1", l.port(),
                    true);
            String subject = handshake(socket, sni);
            socket.getOutputStream().write("after\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            assertThat(new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine()).isEqualTo("ECHO after (tls)");
            socket.close();
            return subject;
        }
    }

    private static String handshake(SSLSocket socket, String sni) throws Exception {
        socket.setSoTimeout(10_000);
        SSLParameters params = socket.getSSLParameters();
        params.setServerNames(sni == null ? List.<SNIServerName>of() : List.of(new SNIHostName(sni)));
        socket.setSSLParameters(params);
        socket.startHandshake();
        String subject = ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal()
                .getName();
        return subject.replaceAll(".*(CN=[^,]+).*", "$1");
    }

    /** The test asks which certificate was served; whether a client would trust it is not the question here. */
    private static SSLContext trustingAll() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return context;
    }
}
