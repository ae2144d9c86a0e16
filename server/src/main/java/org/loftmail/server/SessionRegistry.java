package org.loftmail.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.loftmail.admin.server.ServerControl;
import org.loftmail.transport.Connection;
import org.loftmail.transport.ForwardingSession;
import org.loftmail.transport.Session;

/**
 * The server's open client sessions, for {@code adm who} and {@code adm kick}: every IMAP, POP3, ManageSieve and
 * submission connection, with the user once the login succeeded (what Dovecot's anvil knows). A session's
 * callbacks run with it as the thread's current session, so the login hooks in {@link Wiring} can name its user.
 */
final class SessionRegistry {

    /** The services whose sessions are listed (the login services; not LMTP or auth). */
    static boolean tracked(String service) {
        return switch (service) {
            case "imap-login", "pop3-login", "managesieve-login", "submission-login" -> true;
            default -> false;
        };
    }

    private static final ThreadLocal<Live> CURRENT = new ThreadLocal<>();

    private final Map<Long, Live> live = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    /** Counters since start, by name (adm stats dump). */
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    private void count(String name, long n) {
        counters.computeIfAbsent(name, k -> new AtomicLong()).addAndGet(n);
    }

    /** Every accepted connection, by service ({@code connections.lmtp}). */
    void connected(String service) {
        count("connections." + service, 1);
    }

    /**
     * The counters: connections by service, logins by protocol, bytes in and out of closed client sessions, and the
     * sessions open now by protocol ({@code sessions.imap}).
     */
    Map<String, Long> counters() {
        Map<String, Long> out = new java.util.TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.get()));
        for (Live l : live.values()) {
            if (l.connection.isOpen()) {
                out.merge("sessions." + l.protocol, 1L, Long::sum);
            }
        }
        return out;
    }

    private static final class Live {
        final long id;
        final Connection connection;
        final String protocol;
        final long since = System.currentTimeMillis();
        volatile String user;

        Live(long id, Connection connection, String protocol) {
            this.id = id;
            this.connection = connection;
            this.protocol = protocol;
        }

        ServerControl.Session view() {
            return new ServerControl.Session(user, protocol, connection.remoteIp(), connection.localIp(), since, id);
        }
    }

    /** Wraps a new session of a tracked service so it is listed until it closes. */
    Session track(String service, Connection connection, Session session) {
        Live entry = new Live(ids.incrementAndGet(), connection, service.replace("-login", ""));
        live.put(entry.id, entry);
        Session inner = new ForwardingSession(session, () -> {
            live.remove(entry.id);
            count("bytes_in." + entry.protocol, connection.bytesIn());
            count("bytes_out." + entry.protocol, connection.bytesOut());
        });
        return new Session() {
            @Override
            public void start() {
                run(inner::start);
            }

            @Override
            public void onLine(byte[] line) {
                run(() -> inner.onLine(line));
            }

            @Override
            public void onLineTooLong() {
                run(inner::onLineTooLong);
            }

            @Override
            public void onRawData(byte[] chunk, boolean last) {
                run(() -> inner.onRawData(chunk, last));
            }

            @Override
            public void onIdleTimeout(Connection c) {
                run(() -> inner.onIdleTimeout(c));
            }

            @Override
            public void onClose() {
                run(inner::onClose);
            }

            private void run(Runnable r) {
                Live previous = CURRENT.get();
                SessionRegistry previousOwner = OWNER.get();
                CURRENT.set(entry);
                OWNER.set(SessionRegistry.this);
                try {
                    r.run();
                } finally {
                    CURRENT.set(previous);
                    OWNER.set(previousOwner);
                }
            }
        };
    }

    private static final ThreadLocal<SessionRegistry> OWNER = new ThreadLocal<>();

    /** Called by the login hooks on the session's own thread: the current session is now this user's. */
    static void loggedIn(String user) {
        Live entry = CURRENT.get();
        SessionRegistry owner = OWNER.get();
        if (entry != null && entry.user == null) {
            entry.user = user;
            if (owner != null) {
                owner.count("logins." + entry.protocol, 1);
            }
        }
    }

    /** {@link #loggedIn(String)} once the user's storage opened; returns it. */
    static <T> T loggedIn(T opened, String user) {
        loggedIn(user);
        return opened;
    }

    /** The logged-in sessions. */
    List<ServerControl.Session> sessions() {
        List<ServerControl.Session> out = new ArrayList<>();
        for (Live l : live.values()) {
            if (l.user != null && l.connection.isOpen()) {
                out.add(l.view());
            }
        }
        out.sort((a, b) -> Long.compare(a.id(), b.id()));
        return out;
    }

    /** Closes the logged-in sessions {@code which} selects; returns them. */
    List<ServerControl.Session> kick(Predicate<ServerControl.Session> which) {
        List<ServerControl.Session> kicked = new ArrayList<>();
        for (Live l : live.values()) {
            if (l.user != null && which.test(l.view())) {
                kicked.add(l.view());
                l.connection.close();
            }
        }
        return kicked;
    }
}
