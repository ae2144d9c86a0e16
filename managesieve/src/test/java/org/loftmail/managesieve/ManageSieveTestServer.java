package org.loftmail.managesieve;

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
import org.loftmail.sieve.compile.SieveCompiler;
import org.loftmail.sieve.compile.SieveExtensions;
import org.loftmail.sieve.store.SieveScriptStore;
import org.loftmail.sieve.store.SieveStoreSettings;
import org.loftmail.sieve.store.SieveUser;
import org.loftmail.transport.BoundListener;
import org.loftmail.transport.ConnectionLimiter;
import org.loftmail.transport.ListenerSpec;
import org.loftmail.transport.NetServer;
import org.loftmail.transport.SelfSignedCertificates;
import org.loftmail.transport.TlsContexts;
import org.loftmail.transport.TlsSettings;

/**
 * A real ManageSieve server for tests: a passwd-file with users jsmith/secret and alice/wonder whose homes are in
 * a temp directory, their scripts in Pigeonhole's layout there ({@code ~/sieve}, {@code ~/.dovecot.sieve}), a
 * self-signed certificate for STARTTLS. The listener binds on 127.0.0.2 and clients connect from 127.0.0.1, so the
 * connection is not "local" and disable_plaintext_auth really applies.
 */
final class ManageSieveTestServer implements AutoCloseable {

    static final String HOST = "127.0.0.2";

    private static final SelfSignedCertificates.PemPair PEM = SelfSignedCertificates.generate("localhost");

    final Path root;
    final AuthService auth;
    final NetServer net;
    final ManageSieveService service;
    final BoundListener plain;
    final SieveStoreSettings storeSettings;

    ManageSieveTestServer(Path root, ManageSieveSettings settings, SieveStoreSettings storeSettings,
            boolean disablePlaintextAuth) throws Exception {
        this.root = root;
        this.storeSettings = storeSettings;
        Path passwd = root.resolve("passwd");
        Files.createDirectories(root.resolve("jsmith"));
        Files.createDirectories(root.resolve("alice"));
        Files.writeString(passwd, "jsmith:{PLAIN}secret::::" + root.resolve("jsmith") + "::\n"
                + "alice:{PLAIN}wonder::::" + root.resolve("alice") + "::\n");
        AuthSettings authSettings = AuthSettings.defaults(
                        List.of(PassDbSettings.of("passwd-file", "scheme=PLAIN " + passwd)),
                        List.of(UserDbSettings.of("passwd-file", passwd.toString())))
                .withFailureDelay(Duration.ofMillis(1))
                .withPlaintext(disablePlaintextAuth, List.of())
                .withMechanisms(List.of("plain", "login", "scram-sha-256"));
        this.auth = AuthService.create(authSettings);
        SieveCompiler compiler = new SieveCompiler(SieveExtensions.defaults(), storeSettings.maxScriptSize());
        this.service = new ManageSieveService(settings, auth, (user, log) -> SieveScriptStore.open(storeSettings,
                SieveUser.of(user.user(), Path.of(user.home())), t -> t.replace("%u", user.user()), log), compiler, 4);
        this.net = new NetServer(1);
        SslContext tls = TlsContexts.server(new TlsSettings(PEM.certPem(), PEM.keyPem(), "", "", "TLSv1.2", "", true, "test"));
        this.plain = net.bind(new ListenerSpec.Inet("managesieve-login", "sieve", HOST, ListenerSpec.EPHEMERAL, false),
                service, tls, ConnectionLimiter.unlimited());
    }

    Path home(String user) {
        return root.resolve(user);
    }

    int port() {
        return plain.port();
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
        net.close();
        auth.close();
    }
}
