package org.loftmail.server;

import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import org.loftmail.auth.AuthService;
import org.loftmail.auth.AuthSettingsBinder;
import org.loftmail.auth.socket.AuthSocketService;
import org.loftmail.core.config.ConfigException;
import org.loftmail.core.config.ConfigSection;
import org.loftmail.core.config.SourceLocation;
import org.loftmail.core.config.LoftConfig;
import org.loftmail.core.config.ServiceSettings;
import org.loftmail.transport.ListenerSpec;
import org.loftmail.transport.ProtocolService;

/**
 * Everything one configuration builds, by hand: the auth service, the mail storage, and a protocol service
 * for each listener. A reload builds a new Wiring; the old one is retired once no listener uses it.
 */
final class Wiring {

    private final LoftConfig config;
    private final SslContext tls;
    private final AuthService auth;

    Wiring(LoftConfig config, SslContext tls) {
        this.config = config;
        this.tls = tls;
        this.auth = authService(config);
    }

    private static AuthService authService(LoftConfig config) {
        try {
            return AuthService.create(AuthSettingsBinder.bind(config.settings()));
        } catch (IllegalArgumentException e) {
            // Dovecot names no line for a missing passdb/userdb; the first passdb block is the nearest place.
            SourceLocation at = config.sections("passdb").stream().findFirst().map(ConfigSection::location)
                    .orElse(new SourceLocation(config.mainFile(), 1));
            throw new ConfigException(at, e.getMessage(), e);
        }
    }

    SslContext tls() {
        return tls;
    }

    LoftConfig config() {
        return config;
    }

    AuthService auth() {
        return auth;
    }

    ProtocolService protocolService(ServiceSettings service, ListenerSpec spec) throws IOException {
        return switch (service.name()) {
            case "auth" -> authSocket(spec);
            default -> throw new IOException("service " + service.name() + " (listener " + spec.name()
                    + ") is not available in this build yet");
        };
    }

    /**
     * Dovecot decides an auth listener's protocol by its name: {@code auth-userdb} and {@code auth-master}
     * answer userdb lookups; every other name (auth-client, Postfix's private/auth) speaks the client protocol.
     */
    private ProtocolService authSocket(ListenerSpec spec) {
        String base = spec instanceof ListenerSpec.Unix unix ? String.valueOf(unix.path().getFileName()) : spec.name();
        return base.equals("auth-userdb") || base.equals("auth-master")
                ? AuthSocketService.userdb(auth)
                : AuthSocketService.client(auth);
    }

    /** Releases what this configuration held (database pools, caches) once a newer one replaced it. */
    void retire() {
        auth.close();
    }
}
