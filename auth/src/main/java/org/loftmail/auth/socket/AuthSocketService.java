package org.loftmail.auth.socket;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.loftmail.auth.AuthService;
import org.loftmail.transport.Connection;
import org.loftmail.transport.ProtocolService;
import org.loftmail.transport.Session;

/**
 * Puts the auth protocols on the transport: {@link #client} for {@code service auth}'s
 * listeners (what Postfix connects to) and {@link #userdb} for {@code auth-userdb}. Lines end
 * with LF. A client connection's AUTH requests run concurrently, each request's lines in order
 * ({@link RequestLanes}), so a failure's auth_failure_delay holds only its own request; userdb lookups and
 * connection-level lines run one at a time on the connection's virtual-thread executor.
 */
public final class AuthSocketService implements ProtocolService {
    private static final AtomicLong CONNECTIONS = new AtomicLong();

    /** The protocol state of one connection. */
    private interface LineProtocol {
        List<String> handshake();

        List<String> onLine(String line);

        List<String> onLineTooLong();

        /** The request id a line belongs to when it may run beside other requests' lines. */
        default Optional<Long> requestId(String line) {
            return Optional.empty();
        }

        default boolean closed() {
            return false;
        }

        default void onClose() {}
    }

    private final String name;
    private final Function<Connection, LineProtocol> protocols;

    private AuthSocketService(String name, Function<Connection, LineProtocol> protocols) {
        this.name = name;
        this.protocols = protocols;
    }

    /** Dovecot's auth client protocol (service auth, e.g. private/auth for Postfix). */
    public static AuthSocketService client(AuthService auth) {
        return new AuthSocketService("auth", c -> {
            AuthClientProtocol p = new AuthClientProtocol(auth, CONNECTIONS.incrementAndGet());
            return new LineProtocol() {
                public List<String> handshake() {
                    return p.handshake();
                }

                public List<String> onLine(String line) {
                    return p.onLine(line);
                }

                public List<String> onLineTooLong() {
                    return p.onLineTooLong();
                }

                public Optional<Long> requestId(String line) {
                    return AuthClientProtocol.requestId(line);
                }

                public boolean closed() {
                    return p.closed();
                }

                public void onClose() {
                    p.onClose();
                }
            };
        });
    }

    /** The auth-userdb protocol (USER / PASS / LIST). */
    public static AuthSocketService userdb(AuthService auth) {
        return new AuthSocketService("auth-userdb", c -> {
            UserdbProtocol p = new UserdbProtocol(auth);
            return new LineProtocol() {
                public List<String> handshake() {
                    return p.handshake();
                }

                public List<String> onLine(String line) {
                    return p.onLine(line);
                }

                public List<String> onLineTooLong() {
                    return p.onLineTooLong();
                }
            };
        });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean lfOnly() {
        return true;
    }

    @Override
    public int maxLineLength() {
        // Longer than the protocol's 16 KB so an over-long request can still be answered by id.
        return 4 * AuthClientProtocol.MAX_LINE_LENGTH;
    }

    @Override
    public byte[] tooManyConnectionsReply() {
        return new byte[0];
    }

    @Override
    public Session newSession(Connection connection) {
        LineProtocol protocol = protocols.apply(connection);
        RequestLanes lanes = new RequestLanes(AuthClientProtocol.MAX_PENDING);
        return new Session() {
            @Override
            public void start() {
                send(connection, protocol.handshake());
            }

            @Override
            public void onLine(byte[] line) {
                String text = new String(line, StandardCharsets.UTF_8);
                Optional<Long> request = protocol.requestId(text);
                if (request.isPresent()) {
                    try {
                        lanes.submit(request.get(), () -> send(connection, protocol.onLine(text)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return;
                }
                send(connection, protocol.onLine(text));
                if (protocol.closed()) {
                    connection.close();
                }
            }

            @Override
            public void onLineTooLong() {
                send(connection, protocol.onLineTooLong());
            }

            @Override
            public void onIdleTimeout(Connection c) {
                // Postfix keeps its auth connection open for the life of an smtpd process.
            }

            @Override
            public void onClose() {
                protocol.onClose();
            }
        };
    }

    /**
     * Writes whole replies. Requests finish on their own threads ({@link RequestLanes}) and a connection's write
     * buffer is not thread-safe, so every write of a session holds the connection's monitor.
     */
    private static void send(Connection connection, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(l).append('\n');
        }
        synchronized (connection) {
            connection.write(b.toString().getBytes(StandardCharsets.UTF_8));
            connection.flush();
        }
    }
}
