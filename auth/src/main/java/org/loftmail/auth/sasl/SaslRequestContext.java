package org.loftmail.auth.sasl;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * The connection an authentication request came from, as Dovecot's auth request carries it.
 *
 * @param service {@code imap}, {@code pop3}, {@code smtp}, {@code sieve}, ... (Dovecot's {@code service=})
 * @param local the server's address of the connection ({@code lip=}/{@code lport=}), when known
 * @param remote the client's address ({@code rip=}/{@code rport=}), when known
 * @param secured whether the connection is TLS or otherwise trusted as secure ({@code secured})
 * @param certificateUser the user name taken from a verified TLS client certificate
 *     ({@code ssl_username_from_cert}); only EXTERNAL uses it
 * @param sessionId the session id for logs ({@code session=}), may be empty
 */
public record SaslRequestContext(
        String service,
        Optional<InetSocketAddress> local,
        Optional<InetSocketAddress> remote,
        boolean secured,
        Optional<String> certificateUser,
        String sessionId) {
    public SaslRequestContext {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(certificateUser, "certificateUser");
        Objects.requireNonNull(sessionId, "sessionId");
    }

    /** A context with only a service name (tools, tests). */
    public static SaslRequestContext of(String service) {
        return new SaslRequestContext(service, Optional.empty(), Optional.empty(), false, Optional.empty(), "");
    }
}
