package org.loftmail.lmtp.lda;

import java.nio.file.Path;
import java.util.Objects;
import org.loftmail.lmtp.delivery.MailDelivery;

/**
 * What lda delivers with, built from the configuration by the server's wiring (the same userdb, storage, filter
 * and settings the LMTP service gets, resolved for {@code protocol lda}). {@code onClose} releases what the wiring
 * opened (database pools).
 */
public record LdaEnvironment(MailDelivery delivery, Runnable onClose) implements AutoCloseable {

    public LdaEnvironment {
        Objects.requireNonNull(delivery, "delivery");
        onClose = onClose == null ? () -> {} : onClose;
    }

    @Override
    public void close() {
        onClose.run();
    }

    /** Builds the environment from a configuration file ({@code -c}), or the default one when null. */
    @FunctionalInterface
    public interface Loader {
        LdaEnvironment load(Path configFile) throws Exception;
    }
}
