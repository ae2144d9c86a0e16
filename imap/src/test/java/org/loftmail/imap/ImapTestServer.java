package org.loftmail.imap;

import io.netty.handler.ssl.SslContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
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
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.AppendRequest;
import org.loftmail.core.storage.AppendResult;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.core.storage.MailStorageProvider;
import org.loftmail.testkit.storage.TestBackend;
import org.loftmail.transport.BoundListener;
import org.loftmail.transport.ConnectionLimiter;
import org.loftmail.transport.ListenerSpec;
import org.loftmail.transport.LinePauser;
import org.loftmail.transport.ForwardingSession;
import org.loftmail.transport.Connection;
import org.loftmail.transport.Session;
import org.loftmail.transport.ProtocolService;
import org.loftmail.transport.NetServer;
import org.loftmail.transport.SelfSignedCertificates;
import org.loftmail.transport.TlsContexts;
import org.loftmail.transport.TlsSettings;

/**
 * A real IMAP server for tests: Netty listeners on loopback (plain with STARTTLS, and implicit TLS), the auth
 * service with a passwd-file (alice/secret, bob/hunter2), and a storage backend (the testkit's memory backend
 * unless told; server's tests pass Maildir) under a temporary directory.
 */
public final class ImapTestServer implements AutoCloseable {

    private static SelfSignedCertificates.PemPair pem;

    private final Path root;
    private final NetServer net;
    private final AuthService auth;
    private final TestBackend backend;
    private final MailStorageProvider storage;
    private final ImapService service;
    private final BoundListener plain;
    private final BoundListener tls;

    public ImapTestServer(Path root) throws Exception {
        this(root, ImapSettings.defaults(), false);
    }

    public ImapTestServer(Path root, ImapSettings settings, boolean disablePlaintext) throws Exception {
        this(root, settings, disablePlaintext, TestBackend.MEMORY);
    }

    public ImapTestServer(Path root, ImapSettings settings, boolean disablePlaintext, TestBackend backend) throws Exception {
        this(root, settings, disablePlaintext, backend, List.of("PLAIN", "LOGIN"));
    }

    public ImapTestServer(Path root, ImapSettings settings, boolean disablePlaintext, TestBackend backend,
            List<String> mechanisms) throws Exception {
        this(root, settings, disablePlaintext, backend, mechanisms, org.loftmail.core.work.WorkBudget.COMMAND_LIMIT);
    }

    /** With a work budget per command small enough for a test to reach (ADR 0802). */
    public ImapTestServer(Path root, long commandWorkLimit) throws Exception {
        this(root, ImapSettings.defaults(), false, TestBackend.MEMORY, List.of("PLAIN", "LOGIN"), commandWorkLimit);
    }

    public ImapTestServer(Path root, ImapSettings settings, boolean disablePlaintext, TestBackend backend,
            List<String> mechanisms, long commandWorkLimit) throws Exception {
        this.root = root;
        this.backend = backend;
        Files.createDirectories(root);
        Path passwd = root.resolve("passwd");
        Files.writeString(passwd, "alice:{PLAIN}secret:::::\nbob:{PLAIN}hunter2:::::\n");
        AuthSettings authSettings = AuthSettings.defaults(
                        List.of(PassDbSettings.of("passwd-file", "scheme=PLAIN " + passwd)),
                        List.of(UserDbSettings.of("static", "uid=" + 0 + " gid=0 home=" + root + "/home/%u")))
                .withFailureDelay(Duration.ZERO)
                .withMechanisms(mechanisms)
                .withPlaintext(disablePlaintext, List.of());
        this.auth = AuthService.create(authSettings);
        this.storage = backend.newProvider();
        this.service = new ImapService(settings, auth, (login, client) -> openStorage(login.user()), commandWorkLimit);
        this.net = new NetServer(1);
        SslContext context = TlsContexts.server(new TlsSettings(pem().certPem(), pem().keyPem(), "", "", "TLSv1.2", "", true, "test"));
        ProtocolService counted = counted(service);
        this.plain = net.bind(new ListenerSpec.Inet("imap", "imap", "127.0.0.1", ListenerSpec.EPHEMERAL, false), counted,
                context, ConnectionLimiter.unlimited());
        this.tls = net.bind(new ListenerSpec.Inet("imap", "imaps", "127.0.0.1", ListenerSpec.EPHEMERAL, true), counted,
                context, ConnectionLimiter.unlimited());
    }

    /** Sessions whose clean-up has not finished: close() waits for them, so nothing writes into a deleted directory. */
    private final java.util.concurrent.atomic.AtomicInteger liveSessions = new java.util.concurrent.atomic.AtomicInteger();

    private ProtocolService counted(ImapService imap) {
        return new ProtocolService() {
            @Override
            public String name() {
                return imap.name();
            }

            @Override
            public Session newSession(Connection connection) {
                liveSessions.incrementAndGet();
                return new ForwardingSession(imap.newSession(connection), liveSessions::decrementAndGet);
            }

            @Override
            public int maxLineLength() {
                return imap.maxLineLength();
            }

            @Override
            public byte[] tooManyConnectionsReply() {
                return imap.tooManyConnectionsReply();
            }

            @Override
            public LinePauser linePauser() {
                return imap.linePauser();
            }
        };
    }

    static synchronized SelfSignedCertificates.PemPair pem() throws Exception {
        if (pem == null) pem = SelfSignedCertificates.generate("localhost");
        return pem;
    }

    public MailStorage openStorage(String user) throws org.loftmail.core.storage.MailStorageException {
        Path home = root.resolve("home").resolve(user);
        return storage.open(StorageUser.of(user, home, backend.mailLocation(home)));
    }

    /** Delivers a message through the storage API, as LMTP would. */
    public AppendResult deliver(String user, String mailbox, String message) throws Exception {
        try (MailStorage s = openStorage(user)) {
            MailboxName name = mailbox.equals("INBOX") ? MailboxName.INBOX : MailboxName.parse(mailbox, '/');
            return s.mailbox(name).append(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)),
                    AppendRequest.DEFAULT);
        }
    }

    public int port() {
        return plain.port();
    }

    public int tlsPort() {
        return tls.port();
    }

    public Socket connect() throws IOException {
        return new Socket(InetAddress.getByName("127.0.0.1"), plain.port());
    }

    /** A connection whose remote address differs from the local one, so plaintext rules apply. */
    public Socket connectFromOtherAddress() throws IOException {
        return new Socket(InetAddress.getByName("127.0.0.1"), plain.port(), InetAddress.getByName("127.0.0.2"), 0);
    }

    /** A client TLS context that trusts the test certificate. */
    public static SSLContext clientTls() throws Exception {
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem().certPem().getBytes(StandardCharsets.US_ASCII)));
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("loft", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    public static byte[] readAll(java.io.InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    @Override
    public void close() throws Exception {
        plain.close();
        tls.close();
        service.close();
        net.close();
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (liveSessions.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        auth.close();
        storage.close();
    }
}
