package org.loftmail.submission;

import io.netty.handler.ssl.SslContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.loftmail.auth.AuthService;
import org.loftmail.auth.AuthSettings;
import org.loftmail.auth.PassDbSettings;
import org.loftmail.auth.UserDbSettings;
import org.loftmail.submission.relay.LocalDelivery;
import org.loftmail.transport.BoundListener;
import org.loftmail.transport.ConnectionLimiter;
import org.loftmail.transport.ListenerSpec;
import org.loftmail.transport.NetServer;
import org.loftmail.transport.SelfSignedCertificates;
import org.loftmail.transport.TlsContexts;
import org.loftmail.transport.TlsSettings;

/**
 * A real submission server for tests: a passwd-file with jsmith/secret (who may send only as jsmith@example.com and
 * anything @example.org, through the userdb field submission_sender) and alice/wonder (no restriction), a
 * self-signed certificate, a {@code submission} listener (STARTTLS) and a {@code submissions} one (implicit TLS).
 * Listeners bind on 127.0.0.2 and clients connect from 127.0.0.1, so the connection is not "local" and
 * disable_plaintext_auth really applies.
 */
final class SubmissionTestServer implements AutoCloseable {

    static final String HOST = "127.0.0.2";
    private static final SelfSignedCertificates.PemPair PEM = SelfSignedCertificates.generate("localhost");

    final AuthService auth;
    final NetServer net;
    final SubmissionService service;
    final BoundListener plain;
    final BoundListener implicitTls;

    SubmissionTestServer(Path root, SubmissionSettings settings, LocalDelivery local) throws Exception {
        this(root, settings, local, true);
    }

    SubmissionTestServer(Path root, SubmissionSettings settings, LocalDelivery local, boolean disablePlaintextAuth)
            throws Exception {
        Path passwd = root.resolve("passwd");
        Files.writeString(passwd,
                "jsmith:{PLAIN}secret::::" + root.resolve("jsmith")
                        + "::userdb_submission_sender=jsmith@example.com,@example.org\n"
                        + "alice:{PLAIN}wonder::::" + root.resolve("alice") + "::\n");
        AuthSettings authSettings = AuthSettings.defaults(
                        List.of(PassDbSettings.of("passwd-file", "scheme=PLAIN " + passwd)),
                        List.of(UserDbSettings.of("passwd-file", passwd.toString())))
                .withFailureDelay(Duration.ofMillis(1))
                .withPlaintext(disablePlaintextAuth, List.of())
                .withMechanisms(List.of("plain", "login", "cram-md5", "scram-sha-256"));
        this.auth = AuthService.create(authSettings);
        this.service = new SubmissionService(settings, auth, local);
        this.net = new NetServer(1);
        SslContext tls = TlsContexts.server(new TlsSettings(PEM.certPem(), PEM.keyPem(), "", "", "TLSv1.2", "", true,
                "test"));
        this.plain = net.bind(new ListenerSpec.Inet("submission-login", "submission", HOST, ListenerSpec.EPHEMERAL,
                false), service, tls, ConnectionLimiter.unlimited());
        this.implicitTls = net.bind(new ListenerSpec.Inet("submission-login", "submissions", HOST,
                ListenerSpec.EPHEMERAL, true), service, tls, ConnectionLimiter.unlimited());
    }

    /** Settings relaying to {@code relayPort} on loopback over plain SMTP. */
    static SubmissionSettings relayingTo(Path tmp, int relayPort) {
        return SubmissionSettings.defaults("mx.loft.test", tmp).withRelay(new org.loftmail.submission.relay.RelayTarget(
                org.loftmail.smtp.client.RelaySettings.plain("127.0.0.1", relayPort, "mx.loft.test")
                        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10)),
                false, Duration.ofMinutes(29)));
    }

    Socket connect() throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress("127.0.0.1", 0));
        s.connect(new InetSocketAddress(HOST, plain.port()), 5000);
        s.setSoTimeout(10_000);
        return s;
    }

    static SSLContext clientTls() throws Exception {
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(PEM.certPem().getBytes(StandardCharsets.US_ASCII)));
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("loft", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    static Path certificateFile(Path dir) throws IOException {
        Path p = dir.resolve("cert.pem");
        Files.writeString(p, PEM.certPem());
        return p;
    }

    @Override
    public void close() {
        plain.close();
        implicitTls.close();
        net.close();
        auth.close();
    }
}
