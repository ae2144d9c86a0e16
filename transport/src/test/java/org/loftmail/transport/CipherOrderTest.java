package org.loftmail.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
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

/**
 * ssl_prefer_server_ciphers, checked with real TLS 1.2 handshakes from the JDK's client offering two suites in the
 * opposite of the server's order: {@code yes} negotiates the server's first, {@code no} the client's first.
 */
class CipherOrderTest {

    private static final String AES128 = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static final String AES256 = "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";
    /** The server's ssl_cipher_list order (the test certificate has an EC key): AES-128 first. */
    private static final String SERVER_LIST = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384";

    private static NetServer server;
    private static SelfSignedCertificates.PemPair pem;

    @BeforeAll
    static void start() {
        server = new NetServer(1);
        pem = SelfSignedCertificates.generate("mail.example.com");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static SslContext context(boolean preferServer, SslProvider provider) throws Exception {
        return TlsContexts.server(new TlsSettings(pem.certPem(), pem.keyPem(), null, "", "TLSv1.2", SERVER_LIST,
                preferServer, false, "test"), provider);
    }

    @Test
    void openSslFollowsTheServerWithYesAndTheClientWithNo() throws Exception {
        assumeTrue(OpenSsl.isAvailable(), "netty-tcnative is not loadable here");
        assertThat(negotiated(SniContexts.single(context(true, SslProvider.OPENSSL)), null, AES256, AES128))
                .isEqualTo(AES128);
        assertThat(negotiated(SniContexts.single(context(false, SslProvider.OPENSSL)), null, AES256, AES128))
                .isEqualTo(AES256);
    }

    @Test
    void theJdkProviderFollowsTheServerWithYesAndTheClientWithNo() throws Exception {
        // The JDK provider serves its own default suite order (ssl_cipher_list shapes only OpenSSL's list).
        SslContext yes = context(true, SslProvider.JDK);
        List<String> serverOrder = yes.cipherSuites().stream().filter(s -> s.equals(AES128) || s.equals(AES256))
                .toList();
        assertThat(serverOrder).hasSize(2);
        String first = serverOrder.get(0);
        String second = serverOrder.get(1);
        assertThat(negotiated(SniContexts.single(yes), null, second, first)).isEqualTo(first);
        assertThat(negotiated(SniContexts.single(context(false, SslProvider.JDK)), null, second, first))
                .isEqualTo(second);
    }

    @Test
    void aLocalNameContextKeepsItsOwnSetting() throws Exception {
        assumeTrue(OpenSsl.isAvailable(), "netty-tcnative is not loadable here");
        SniContexts contexts = SniContexts.of(context(false, SslProvider.OPENSSL),
                Map.of("mail.example.com", context(true, SslProvider.OPENSSL)));
        assertThat(negotiated(contexts, "mail.example.com", AES256, AES128)).isEqualTo(AES128);
        assertThat(negotiated(contexts, "other.example.com", AES256, AES128)).isEqualTo(AES256);
        assertThat(negotiated(contexts, null, AES256, AES128)).isEqualTo(AES256);
    }

    /** Issue 20, item 9: Loft's default list refuses the CBC-SHA1 suites, with either provider. */
    @Test
    void theDefaultListRefusesCbcSha1() throws Exception {
        String cbcSha1 = "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA";
        List<SslProvider> providers = OpenSsl.isAvailable() ? List.of(SslProvider.OPENSSL, SslProvider.JDK) : List.of(SslProvider.JDK);
        for (SslProvider provider : providers) {
            SniContexts contexts = SniContexts.single(TlsContexts.server(new TlsSettings(pem.certPem(), pem.keyPem(), null,
                    "", "TLSv1.2", TlsContexts.DEFAULT_CIPHER_LIST, false, false, "test"), provider));
            assertThatThrownBy(() -> negotiated(contexts, null, cbcSha1)).as(provider.name())
                    .isInstanceOf(javax.net.ssl.SSLException.class);
            assertThat(negotiated(contexts, null, cbcSha1, AES128)).as(provider.name()).isEqualTo(AES128);
        }
    }

    /** The suite a TLS 1.2 client offering {@code offered} (its preference order) ends up with. */
    private static String negotiated(SniContexts contexts, String sni, String... offered) throws Exception {
        try (BoundListener l = server.bindReloadable(
                new ListenerSpec.Inet("echo", "s", "127.0.0.1", ListenerSpec.EPHEMERAL, true), new EchoService(),
                () -> contexts, ConnectionLimiter.unlimited());
                SSLSocket socket = (SSLSocket) trustingAll().getSocketFactory().createSocket("127.0.0.1", l.port())) {
            socket.setSoTimeout(10_000);
            SSLParameters params = socket.getSSLParameters();
            params.setProtocols(new String[] {"TLSv1.2"});
            params.setCipherSuites(offered);
            params.setServerNames(sni == null ? List.<SNIServerName>of() : List.of(new SNIHostName(sni)));
            socket.setSSLParameters(params);
            socket.startHandshake();
            return socket.getSession().getCipherSuite();
        }
    }

    /** Which suite is chosen is the question here, not whether the client trusts the certificate. */
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
