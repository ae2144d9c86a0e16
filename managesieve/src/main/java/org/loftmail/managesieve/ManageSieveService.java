package org.loftmail.managesieve;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.loftmail.auth.AuthService;
import org.loftmail.sieve.compile.SieveCompiler;
import org.loftmail.transport.Connection;
import org.loftmail.transport.ConnectionLimiter;
import org.loftmail.transport.LinePauser;
import org.loftmail.transport.ProtocolService;
import org.loftmail.transport.Session;

/**
 * The ManageSieve service (RFC 5804) for the transport: Dovecot's {@code service managesieve-login} with its
 * {@code inet_listener sieve} on port 4190, STARTTLS offered when the listener has a TLS context. Scripts are the
 * user's Pigeonhole-style storage ({@link org.loftmail.sieve.store.SieveScriptStore}); uploads are checked with the
 * engine's {@link SieveCompiler}.
 *
 * <p>Wiring in {@code server}:
 * <pre>{@code
 * ManageSieveService sieve = new ManageSieveService(settings, auth, (user, log) -> openStore(user, log), compiler, 4);
 * netServer.bind(new ListenerSpec.Inet("managesieve-login", "sieve", "*", 4190, false), sieve, tls, limiter);
 * }</pre>
 */
public final class ManageSieveService implements ProtocolService {

    private final ManageSieveSettings settings;
    private final AuthService auth;
    private final SieveStoreOpener stores;
    private final SieveCompiler compiler;
    private final Capabilities capabilities;
    private final ConnectionLimiter userIpConnections;

    /**
     * @param maxRedirects {@code sieve_max_redirects}, announced as MAXREDIRECTS after login
     */
    public ManageSieveService(ManageSieveSettings settings, AuthService auth, SieveStoreOpener stores,
            SieveCompiler compiler, long maxRedirects) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.stores = Objects.requireNonNull(stores, "stores");
        this.compiler = Objects.requireNonNull(compiler, "compiler");
        this.capabilities = new Capabilities(settings, compiler, maxRedirects);
        this.userIpConnections = new ConnectionLimiter(0, settings.maxUserIpConnections());
    }

    @Override
    public String name() {
        return "sieve";
    }

    @Override
    public Session newSession(Connection connection) {
        return new ManageSieveSession(this, connection);
    }

    @Override
    public int maxLineLength() {
        return settings.maxLineLength();
    }

    @Override
    public byte[] tooManyConnectionsReply() {
        return "BYE \"Too many connections, try again later.\"\r\n".getBytes(StandardCharsets.US_ASCII);
    }

    /** Framing waits after a literal announcement and after STARTTLS. */
    @Override
    public LinePauser linePauser() {
        return LinePauser.literalsAnd("STARTTLS");
    }

    public ManageSieveSettings settings() {
        return settings;
    }

    AuthService auth() {
        return auth;
    }

    SieveStoreOpener stores() {
        return stores;
    }

    SieveCompiler compiler() {
        return compiler;
    }

    Capabilities capabilities() {
        return capabilities;
    }

    ConnectionLimiter userIpConnections() {
        return userIpConnections;
    }
}
