package org.loftmail.lmtp;

import java.io.IOException;
import java.nio.file.Path;
import org.loftmail.core.storage.MailStorageRegistry;
import org.loftmail.core.delivery.DeliveryFilter;
import org.loftmail.lmtp.delivery.DeliverySettings;
import org.loftmail.lmtp.delivery.MailDelivery;
import org.loftmail.core.delivery.MailSender;
import org.loftmail.transport.BoundListener;
import org.loftmail.transport.ConnectionLimiter;
import org.loftmail.transport.ListenerSpec;
import org.loftmail.transport.NetServer;

/** An LMTP service on an ephemeral loopback port over the in-memory storage. */
final class LmtpFixture implements AutoCloseable {

    final MemoryStorage storage = new MemoryStorage();
    final TableDirectory directory = new TableDirectory();
    final NetServer server = new NetServer(1);
    final Path tempDir;
    BoundListener listener;
    MailDelivery delivery;

    LmtpFixture(Path tempDir) {
        this.tempDir = tempDir;
        directory.add("alice", "memory:").add("bob", "memory:").add("dave", "memory:");
    }

    LmtpFixture start(DeliverySettings settings, DeliveryFilter filter, MailSender sender) throws IOException {
        delivery = new MailDelivery(directory, new MailStorageRegistry().register(storage), settings, filter,
                filter == DeliveryFilter.KEEP_ALL ? "" : "sieve", sender);
        LmtpService service = new LmtpService(LmtpSettings.defaults("mx.loft.test"), delivery);
        listener = server.bind(new ListenerSpec.Inet("lmtp", "lmtp", "127.0.0.1", ListenerSpec.EPHEMERAL, false),
                service, null, ConnectionLimiter.unlimited());
        return this;
    }

    LmtpFixture start() throws IOException {
        return start(settings().build(), DeliveryFilter.KEEP_ALL, MailSender.NONE);
    }

    DeliverySettings.Builder settings() {
        return DeliverySettings.builder("mx.loft.test", tempDir);
    }

    int port() {
        return listener.port();
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close();
        }
        server.close();
    }
}
