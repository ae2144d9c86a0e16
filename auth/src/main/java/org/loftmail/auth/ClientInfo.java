package org.loftmail.auth;

import java.net.InetAddress;
import java.util.Objects;

/**
 * What the auth service knows about the connection a request comes from: the facts a login
 * process (or Postfix, on the auth socket) passes along with every request.
 *
 * @param service      the protocol asking: imap, pop3, smtp, lmtp, sieve, doveadm…
 * @param localIp      the server side address, or null when unknown (a local tool)
 * @param localPort    the server side port, 0 when unknown
 * @param remoteIp     the client address, or null when unknown
 * @param remotePort   the client port, 0 when unknown
 * @param secured      the connection is TLS (or otherwise secured, e.g. a local socket)
 * @param trusted      the caller already knows the client is in login_trusted_networks
 * @param certSubject  the verified TLS client certificate subject, or null
 * @param session      the login session id for log lines, or null
 */
public record ClientInfo(
        String service,
        InetAddress localIp,
        int localPort,
        InetAddress remoteIp,
        int remotePort,
        boolean secured,
        boolean trusted,
        String certSubject,
        String session) {

    public ClientInfo {
        Objects.requireNonNull(service, "service");
        if (service.isBlank() || !service.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new IllegalArgumentException("bad service name: " + service);
        }
        if (localPort < 0 || localPort > 65535 || remotePort < 0 || remotePort > 65535) {
            throw new IllegalArgumentException("port out of range");
        }
    }

    /** A request made on this machine by a tool (doveadm-style commands, lda). */
    public static ClientInfo local(String service) {
        return new ClientInfo(service, null, 0, null, 0, true, true, null, null);
    }

    /** A plain network connection, as IMAP or POP3 see one before STARTTLS. */
    public static ClientInfo network(String service, InetAddress localIp, int localPort, InetAddress remoteIp, int remotePort) {
        return new ClientInfo(service, localIp, localPort, remoteIp, remotePort, false, false, null, null);
    }

    public ClientInfo withSecured(boolean value) {
        return new ClientInfo(service, localIp, localPort, remoteIp, remotePort, value, trusted, certSubject, session);
    }

    public ClientInfo withTrusted(boolean value) {
        return new ClientInfo(service, localIp, localPort, remoteIp, remotePort, secured, value, certSubject, session);
    }

    public ClientInfo withCertSubject(String value) {
        return new ClientInfo(service, localIp, localPort, remoteIp, remotePort, secured, trusted, value, session);
    }

    public ClientInfo withSession(String value) {
        return new ClientInfo(service, localIp, localPort, remoteIp, remotePort, secured, trusted, certSubject, value);
    }

    /** The client address as Dovecot prints it in log lines, empty when unknown. */
    public String remoteIpText() {
        return remoteIp == null ? "" : IpAddresses.toText(remoteIp);
    }

    public String localIpText() {
        return localIp == null ? "" : IpAddresses.toText(localIp);
    }
}
