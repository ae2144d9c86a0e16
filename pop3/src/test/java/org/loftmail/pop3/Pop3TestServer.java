package org.loftmail.pop3;

import io.netty.handler.ssl.SslContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.loftmail.auth.AuthService;
import org.loftmail.auth.AuthSettings;
import org.loftmail.auth.PassDbSettings;
import org.loftmail.auth.UserDbSettings;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.AppendRequest;
import org.loftmail.core.storage.AppendResult;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.MailStorageProvider;
import org.loftmail.core.storage.Namespace;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.testkit.storage.TestBackend;
import org.loftmail.transport.BoundListener;
import org.loftmail.transport.ConnectionLimiter;
import org.loftmail.transport.ListenerSpec;
import org.loftmail.transport.NetServer;
import org.loftmail.transport.SelfSignedCertificates;
import org.loftmail.transport.TlsContexts;
import org.loftmail.transport.TlsSettings;

/**
 * A real POP3 server for tests: storage in a temp directory (the testkit's memory backend unless told; server's
 * tests pass Maildir), a passwd-file with users jsmith/secret and
 * alice/wonder, a self-signed TLS certificate, a plain listener (STLS offered) and a POP3S one. Listeners bind on
 * 127.0.0.2 and clients connect from 127.0.0.1, so the connection is not "local" in Dovecot's sense (remote IP =
 * local IP) and disable_plaintext_auth really applies.
 */
final class Pop3TestServer implements AutoCloseable {

    static final String HOST = "127.0.0.2";

    private static final SelfSignedCertificates.PemPair PEM = SelfSignedCertificates.generate("localhost");

    final Path root;
    final Pop3Settings settings;
    final AuthService auth;
    final TestBackend backend;
    final MailStorageProvider storage;
    final NetServer net;
    final Pop3Service service;
    final BoundListener plain;
    final BoundListener implicitTls;

    Pop3TestServer(Path root, Pop3Settings settings) throws Exception {
        this(root, settings, true);
    }

    Pop3TestServer(Path root, Pop3Settings settings, boolean disablePlaintextAuth) throws Exception {
        this(root, settings, disablePlaintextAuth, TestBackend.MEMORY);
    }

    Pop3TestServer(Path root, Pop3Settings settings, boolean disablePlaintextAuth, TestBackend backend) throws Exception {
        this.root = root;
        this.backend = backend;
        this.settings = settings;
        Path passwd = root.resolve("passwd");
        Files.writeString(passwd, "jsmith:{PLAIN}secret::::" + root.resolve("jsmith") + "::\n"
                + "alice:{PLAIN}wonder::::" + root.resolve("alice") + "::\n");
        AuthSettings authSettings = AuthSettings.defaults(
                        List.of(PassDbSettings.of("passwd-file", "scheme=PLAIN " + passwd)),
                        List.of(UserDbSettings.of("passwd-file", passwd.toString())))
                .withFailureDelay(Duration.ofMillis(1))
                .withPlaintext(disablePlaintextAuth, List.of())
                .withMechanisms(List.of("plain", "login", "cram-md5", "scram-sha-256"));
        this.auth = AuthService.create(authSettings);
        this.storage = backend.newProvider();
        this.service = new Pop3Service(settings, auth,
                user -> storage.open(storageUser(user.user(), Path.of(user.home()))));
        this.net = new NetServer(1);
        SslContext tls = TlsContexts.server(new TlsSettings(PEM.certPem(), PEM.keyPem(), "", "", "TLSv1.2", "", true, "test"));
        this.plain = net.bind(new ListenerSpec.Inet("pop3", "pop3", HOST, ListenerSpec.EPHEMERAL, false), service, tls,
                ConnectionLimiter.unlimited());
        this.implicitTls = net.bind(new ListenerSpec.Inet("pop3", "pop3s", HOST, ListenerSpec.EPHEMERAL, true),
                service, tls, ConnectionLimiter.unlimited());
    }

    StorageUser storageUser(String user, Path home) {
        return StorageUser.of(user, home, backend.mailLocation(home));
    }

    /** Opens a user's storage directly, as an IMAP session (or a delivery) would. */
    MailStorage openStorage(String user) throws MailStorageException {
        return storage.open(storageUser(user, root.resolve(user)));
    }

    /** Delivers a message into a user's INBOX through the storage API. */
    AppendResult deliver(String user, String message) throws MailStorageException {
        return deliver(user, message.getBytes(StandardCharsets.ISO_8859_1));
    }

    AppendResult deliver(String user, byte[] message) throws MailStorageException {
        try (MailStorage s = openStorage(user)) {
            return s.mailbox(MailboxName.INBOX).append(new ByteArrayInputStream(message), appendRequest());
        }
    }

    AppendResult deliver(String user, InputStream message) throws MailStorageException {
        try (MailStorage s = openStorage(user)) {
            return s.mailbox(MailboxName.INBOX).append(message, appendRequest());
        }
    }

    private static AppendRequest appendRequest() {
        return new AppendRequest(Optional.of(Instant.parse("2026-11-20T10:00:00Z")), Flags.NONE);
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
        storage.close();
        auth.close();
    }
}
