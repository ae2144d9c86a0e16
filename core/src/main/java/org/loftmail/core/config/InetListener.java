package org.loftmail.core.config;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code inet_listener NAME { address port ssl }} of a service. Port 0 disables the listener.
 *
 * @param addresses where to listen; {@code *} is every IPv4 address, {@code ::} every IPv6 address
 * @param ssl true for implicit TLS (IMAPS, POP3S)
 */
public record InetListener(String name, List<String> addresses, int port, boolean ssl, SourceLocation location) {

    private static final Pattern ADDRESS = Pattern.compile("\\*|::|\\[::]|[0-9A-Za-z.:\\[\\]%-]+");

    public InetListener {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        addresses = List.copyOf(addresses);
        if (port < 0 || port > 65535) {
            throw new InvalidSettingException("port", "inet_listener " + name + ": port " + port + " is out of range 0-65535");
        }
        for (String a : addresses) {
            if (!ADDRESS.matcher(a).matches()) {
                throw new InvalidSettingException("address", "inet_listener " + name + ": invalid address '" + a + "'");
            }
        }
        if (port != 0 && addresses.isEmpty()) {
            throw new InvalidSettingException("address",
                    "inet_listener " + name + ": no address to listen on (listen is empty)");
        }
    }

    /** False when the port is 0, which is how Dovecot's configurations switch a listener off. */
    public boolean enabled() {
        return port != 0;
    }
}
