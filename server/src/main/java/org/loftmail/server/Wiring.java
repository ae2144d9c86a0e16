package org.loftmail.server;

import io.netty.handler.ssl.SslContext;
import java.io.IOException;
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

    Wiring(LoftConfig config, SslContext tls) {
        this.config = config;
        this.tls = tls;
    }

    SslContext tls() {
        return tls;
    }

    LoftConfig config() {
        return config;
    }

    ProtocolService protocolService(ServiceSettings service, ListenerSpec spec) throws IOException {
        throw new IOException("service " + service.name() + " (listener " + spec.name()
                + ") is not available in this build yet");
    }

    /** Releases what this configuration held (database pools, caches) once a newer one replaced it. */
    void retire() {}
}
