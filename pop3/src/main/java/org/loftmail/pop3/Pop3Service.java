package org.loftmail.pop3;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.loftmail.auth.AuthService;
import org.loftmail.transport.Connection;
import org.loftmail.transport.ConnectionLimiter;
import org.loftmail.transport.LinePauser;
import org.loftmail.transport.ProtocolService;
import org.loftmail.transport.Session;

/**
 * The POP3 service (RFC 1939, CAPA from RFC 2449, STLS from RFC 2595, AUTH from RFC 5034) for the transport.
 * Bind it on a plain listener (port 110, STLS offered when the listener has a TLS context) and on an implicit-TLS
 * one (995); TLS availability comes from the listener, per connection ({@link Connection#canStartTls()}).
 *
 * <p>Wiring in {@code server}:
 * <pre>{@code
 * Pop3Service pop3 = new Pop3Service(pop3Settings, authService, user -> registry.open(storageUserFor(user)));
 * netServer.bind(new ListenerSpec.Inet("pop3", "pop3", "*", 110, false), pop3, tls, limiter);
 * netServer.bind(new ListenerSpec.Inet("pop3", "pop3s", "*", 995, true), pop3, tls, limiter);
 * }</pre>
 * One instance serves every listener and shares mail_max_userip_connections between them; pop3_lock_session's
 * lock is the storage's ({@link org.loftmail.core.storage.MailStorage#lockPop3Session}), shared with other processes.
 */
public final class Pop3Service implements ProtocolService {

    /** RFC 2449 allows 255 octets per command; SASL responses (RFC 5034) may be longer. Dovecot reads 8 KiB+. */
    static final int MAX_LINE_LENGTH = 16 * 1024;

    private final Pop3Settings settings;
    private final AuthService auth;
    private final UserStorageOpener storage;
    private final ConnectionLimiter userIpConnections;

    /**
     * @param settings the pop3_* settings and login_greeting ({@link Pop3Settings#defaults()} are Dovecot's)
     * @param auth the auth service: USER/PASS and AUTH, disable_plaintext_auth, the userdb lookup after login
     * @param storage opens the logged-in user's mail storage (the server expands mail_location for the user)
     */
    public Pop3Service(Pop3Settings settings, AuthService auth, UserStorageOpener storage) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.storage = Objects.requireNonNull(storage, "storage");
        this.userIpConnections = new ConnectionLimiter(0, settings.maxUserIpConnections());
    }

    @Override
    public String name() {
        return "pop3";
    }

    @Override
    public Session newSession(Connection connection) {
        return new Pop3Session(this, connection);
    }

    @Override
    public int maxLineLength() {
        return MAX_LINE_LENGTH;
    }

    @Override
    public byte[] tooManyConnectionsReply() {
        return "-ERR [SYS/TEMP] Too many connections, try again later.\r\n".getBytes(StandardCharsets.US_ASCII);
    }

    /** Framing stops after STLS so that plaintext pipelined behind it is never read as if it came over TLS. */
    @Override
    public LinePauser linePauser() {
        return line -> LinePauser.startsWithWord(line, "STLS");
    }

    public Pop3Settings settings() {
        return settings;
    }

    public AuthService auth() {
        return auth;
    }

    UserStorageOpener storage() {
        return storage;
    }

    /** mail_max_userip_connections, keyed "user/ip". */
    ConnectionLimiter userIpConnections() {
        return userIpConnections;
    }
}
