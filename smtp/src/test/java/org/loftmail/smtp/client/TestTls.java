package org.loftmail.smtp.client;

import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.loftmail.transport.SelfSignedCertificates;

/** A self-signed certificate for loopback, as a server context and as a client factory that trusts it. */
final class TestTls {

    final SSLContext server;
    final SSLSocketFactory trustingClient;

    TestTls() throws Exception {
        SelfSignedCertificates.PemPair pem = SelfSignedCertificates.generate("mx.loft.test");
        server = ((JdkSslContext) SslContextBuilder
                .forServer(stream(pem.certPem()), stream(pem.keyPem()))
                .sslProvider(SslProvider.JDK).build()).context();
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(stream(pem.certPem()));
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("loft", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
        trustingClient = client.getSocketFactory();
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }
}
