package org.loftmail.smtp.client;

import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLSocketFactory;

/**
 * Where and how the relay client sends mail: the server, its protection, the TLS socket factory (the JDK's default
 * trust store unless a test or a site gives its own), whether the server's certificate must name {@code host},
 * the name the client gives in EHLO, optional AUTH credentials, and the timeouts.
 *
 * @param username empty for no AUTH
 * @param plaintextAuth allow AUTH without TLS (only sensible on loopback)
 */
public record RelaySettings(
        String host,
        int port,
        ClientSecurity security,
        SSLSocketFactory tls,
        boolean verifyHostname,
        String heloName,
        String username,
        String password,
        boolean plaintextAuth,
        Duration connectTimeout,
        Duration readTimeout) {

    public RelaySettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(heloName, "heloName");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (host.isBlank()) {
            throw new IllegalArgumentException("relay host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("relay port out of range: " + port);
        }
        if (heloName.isBlank() || heloName.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
            throw new IllegalArgumentException("invalid EHLO name: " + heloName);
        }
        if (username.contains("\0") || password.contains("\0")) {
            throw new IllegalArgumentException("AUTH credentials may not contain NUL");
        }
        if (tls == null) {
            tls = (SSLSocketFactory) SSLSocketFactory.getDefault();
        }
    }

    /** Plain SMTP to {@code host:port}, no AUTH, default timeouts (30 s to connect, 5 min per reply). */
    public static RelaySettings plain(String host, int port, String heloName) {
        return new RelaySettings(host, port, ClientSecurity.NONE, null, true, heloName, "", "", false,
                Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    public RelaySettings withSecurity(ClientSecurity security, SSLSocketFactory tls, boolean verifyHostname) {
        return new RelaySettings(host, port, security, tls, verifyHostname, heloName, username, password,
                plaintextAuth, connectTimeout, readTimeout);
    }

    public RelaySettings withAuth(String username, String password, boolean plaintextAuth) {
        return new RelaySettings(host, port, security, tls, verifyHostname, heloName, username, password,
                plaintextAuth, connectTimeout, readTimeout);
    }

    public RelaySettings withTimeouts(Duration connect, Duration read) {
        return new RelaySettings(host, port, security, tls, verifyHostname, heloName, username, password,
                plaintextAuth, connect, read);
    }

    public boolean authenticates() {
        return !username.isEmpty();
    }
}
