package org.loftmail.server;

import org.loftmail.transport.Connection;
import org.loftmail.transport.ForwardingSession;
import org.loftmail.transport.LinePauser;
import org.loftmail.transport.ProtocolService;
import org.loftmail.transport.Session;

/**
 * Stands behind a listener so a reload can hand new connections to a service built from the new configuration
 * without closing the socket. Connections already open keep the session, the settings and the Wiring they
 * started with; the Wiring counts them, so a retired one is closed when its last session ends.
 */
final class ReloadableService implements ProtocolService {

    private record Target(ProtocolService service, Wiring wiring) {}

    private volatile Target target;
    /** Where client sessions are listed for adm who/kick; null in tests that build the service alone. */
    private final SessionRegistry sessions;

    ReloadableService(ProtocolService service, Wiring wiring) {
        this(service, wiring, null);
    }

    ReloadableService(ProtocolService service, Wiring wiring, SessionRegistry sessions) {
        this.target = new Target(service, wiring);
        this.sessions = sessions;
    }

    void replace(ProtocolService service, Wiring wiring) {
        this.target = new Target(service, wiring);
    }

    @Override
    public String name() {
        return target.service().name();
    }

    @Override
    public Session newSession(Connection connection) {
        Target t = target;
        Session session = t.service().newSession(connection);
        t.wiring().sessionOpened();
        Session counted = new ForwardingSession(session, t.wiring()::sessionClosed);
        String service = connection.listener().service();
        if (sessions != null) {
            sessions.connected(service);
        }
        return sessions != null && SessionRegistry.tracked(service) ? sessions.track(service, connection, counted) : counted;
    }

    @Override
    public int maxLineLength() {
        return target.service().maxLineLength();
    }

    @Override
    public LinePauser linePauser() {
        return target.service().linePauser();
    }

    @Override
    public byte[] tooManyConnectionsReply() {
        return target.service().tooManyConnectionsReply();
    }

    @Override
    public boolean lfOnly() {
        return target.service().lfOnly();
    }
}
