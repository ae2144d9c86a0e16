package org.loftmail.server;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.loftmail.admin.server.ServerControl;

/** The running server as the admin commands see it. */
final class LoftServerControl implements ServerControl {

    private final LoftServer server;

    LoftServerControl(LoftServer server) {
        this.server = server;
    }

    @Override
    public List<Session> sessions() {
        return server.sessions().sessions();
    }

    @Override
    public List<Session> kick(Predicate<Session> which) {
        return server.sessions().kick(which);
    }

    @Override
    public String reload() {
        return server.reload();
    }

    @Override
    public void stop() {
        server.requestStop();
    }

    @Override
    public void reopenLogs() {
        server.reopenLogs();
    }

    @Override
    public List<String> recentErrors() {
        return RecentErrors.lines();
    }

    @Override
    public List<Service> services() {
        return server.services();
    }

    @Override
    public Map<String, Long> counters() {
        return server.sessions().counters();
    }
}
