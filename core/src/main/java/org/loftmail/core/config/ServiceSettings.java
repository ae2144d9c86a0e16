package org.loftmail.core.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code service NAME { }} with its listeners, merged over Dovecot's built-in defaults for that
 * service (so {@code service imap-login { inet_listener imap { port = 0 } }} switches off only port 143).
 *
 * @param processLimit Dovecot's process_limit: with {@code clientLimit} the bound on connections
 * @param clientLimit Dovecot's client_limit
 */
public record ServiceSettings(String name, List<InetListener> inetListeners, List<UnixListener> unixListeners,
        long processLimit, long clientLimit, SourceLocation location) {

    public ServiceSettings {
        Objects.requireNonNull(name, "name");
        inetListeners = List.copyOf(inetListeners);
        unixListeners = List.copyOf(unixListeners);
        Objects.requireNonNull(location, "location");
        if (processLimit < 1) {
            throw new InvalidSettingException("process_limit", "service " + name + ": process_limit must be at least 1");
        }
        if (clientLimit < 1) {
            throw new InvalidSettingException("client_limit", "service " + name + ": client_limit must be at least 1");
        }
    }

    /** The protocol this service serves ({@code imap} for imap-login and imap), if any. */
    public Optional<String> protocol() {
        return Optional.ofNullable(BuiltinServices.protocolOf(name));
    }

    /**
     * How many connections this service may hold at once: process_limit × client_limit, as in
     * Dovecot (where each of process_limit processes serves up to client_limit clients).
     */
    public long connectionLimit() {
        return Math.multiplyHigh(processLimit, clientLimit) != 0 ? Long.MAX_VALUE : processLimit * clientLimit;
    }

    public Optional<InetListener> inetListener(String listenerName) {
        return inetListeners.stream().filter(l -> l.name().equals(listenerName)).findFirst();
    }

    public Optional<UnixListener> unixListener(String listenerName) {
        return unixListeners.stream().filter(l -> l.name().equals(listenerName)).findFirst();
    }

    /** The inet listeners with a non-zero port. */
    public List<InetListener> enabledInetListeners() {
        return inetListeners.stream().filter(InetListener::enabled).toList();
    }
}
