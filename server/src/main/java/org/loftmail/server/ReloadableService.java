package org.loftmail.server;

import org.loftmail.transport.Connection;
import org.loftmail.transport.LinePauser;
import org.loftmail.transport.ProtocolService;
import org.loftmail.transport.Session;

/**
 * Stands behind a listener so a reload can hand new connections to a service built from the new configuration
 * without closing the socket. Connections already open keep the session (and the settings) they started with.
 */
final class ReloadableService implements ProtocolService {

    private volatile ProtocolService target;

    ReloadableService(ProtocolService target) {
        this.target = target;
    }

    void replace(ProtocolService next) {
        this.target = next;
    }

    ProtocolService target() {
        return target;
    }

    @Override
    public String name() {
        return target.name();
    }

    @Override
    public Session newSession(Connection connection) {
        return target.newSession(connection);
    }

    @Override
    public int maxLineLength() {
        return target.maxLineLength();
    }

    @Override
    public LinePauser linePauser() {
        return target.linePauser();
    }

    @Override
    public byte[] tooManyConnectionsReply() {
        return target.tooManyConnectionsReply();
    }

    @Override
    public boolean lfOnly() {
        return target.lfOnly();
    }
}
