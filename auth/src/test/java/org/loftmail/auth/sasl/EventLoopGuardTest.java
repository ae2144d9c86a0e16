package org.loftmail.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loftmail.auth.sasl.MapPassdb.bytes;

import io.netty.channel.DefaultEventLoop;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.loftmail.auth.scheme.StoredPassword;

/** Slow hashing and passdb calls refuse to run on a Netty event loop and run on virtual threads. */
class EventLoopGuardTest {
    private final MapPassdb passdb = new MapPassdb().with("alice", "{PLAIN}secret");

    @Test
    void refusedOnAnEventLoop() throws Exception {
        DefaultEventLoop loop = new DefaultEventLoop();
        try {
            Object hashing = loop.submit(() -> {
                try {
                    return MapPassdb.SCHEMES.verify(bytes("secret"), new StoredPassword("PLAIN", "secret"), "");
                } catch (IllegalStateException e) {
                    return e;
                }
            }).get(10, TimeUnit.SECONDS);
            assertThat(hashing).isInstanceOfSatisfying(IllegalStateException.class,
                    e -> assertThat(e.getMessage()).contains("event-loop"));

            SaslStep step = loop.submit(() -> new PlainMechanism().newExchange(SaslRequestContext.of("imap"), passdb)
                    .start(Optional.of(bytes("\0alice\0secret")))).get(10, TimeUnit.SECONDS);
            assertThat(step).isInstanceOfSatisfying(SaslStep.Failure.class, f -> assertThat(f.temporary()).isTrue());
            assertThat(passdb.calls).isEmpty();
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void allowedOnAVirtualThread() throws Exception {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            SaslStep step = executor.submit(() -> new PlainMechanism().newExchange(SaslRequestContext.of("imap"), passdb)
                    .start(Optional.of(bytes("\0alice\0secret")))).get(10, TimeUnit.SECONDS);
            assertThat(step).isInstanceOf(SaslStep.Success.class);
        }
    }
}
