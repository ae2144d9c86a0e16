package org.loftmail.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Closing the server waits for sessions that are still closing (releasing mailboxes, writing their index). */
class NetServerCloseTest {

    /** A session whose close takes a while, as a session writing its mailbox index does. */
    private static final class SlowCloseService implements ProtocolService {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch closing = new CountDownLatch(1);
        final AtomicBoolean closeFinished = new AtomicBoolean();

        @Override
        public String name() {
            return "slow-close";
        }

        @Override
        public byte[] tooManyConnectionsReply() {
            return "BYE\r\n".getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public Session newSession(Connection c) {
            return new Session() {
                @Override
                public void start() {
                    c.write("HELLO\r\n");
                    c.flush();
                    started.countDown();
                }

                @Override
                public void onLine(byte[] line) {}

                @Override
                public void onLineTooLong() {}

                @Override
                public void onClose() {
                    closing.countDown();
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    closeFinished.set(true);
                }
            };
        }
    }

    @Test
    void closeReturnsOnlyAfterEverySessionHasFinishedClosing() throws Exception {
        SlowCloseService service = new SlowCloseService();
        NetServer server = new NetServer(1);
        BoundListener listener = server.bind(
                new ListenerSpec.Inet("slow", "slow", "127.0.0.1", ListenerSpec.EPHEMERAL, false), service, null,
                ConnectionLimiter.unlimited());
        try (Socket client = new Socket("127.0.0.1", listener.port())) {
            client.setSoTimeout(10_000);
            InputStream in = client.getInputStream();
            assertThat(in.read()).isEqualTo('H');
            assertThat(service.started.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(service.closing.await(10, TimeUnit.SECONDS)).isTrue();
        listener.close();
        server.close();
        assertThat(service.closeFinished).isTrue();
    }
}
