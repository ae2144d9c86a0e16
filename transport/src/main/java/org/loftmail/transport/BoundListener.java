package org.loftmail.transport;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** A listening socket. Closing it stops new connections; open sessions go on. */
public final class BoundListener implements AutoCloseable {

    private final ListenerSpec spec;
    private final Channel channel;

    BoundListener(ListenerSpec spec, Channel channel) {
        this.spec = spec;
        this.channel = channel;
    }

    public ListenerSpec spec() {
        return spec;
    }

    public SocketAddress localAddress() {
        return channel.localAddress();
    }

    /** The bound TCP port (useful with {@link ListenerSpec#EPHEMERAL}); 0 for a unix socket. */
    public int port() {
        return channel.localAddress() instanceof InetSocketAddress a ? a.getPort() : 0;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        if (spec instanceof ListenerSpec.Unix unix) {
            try {
                Files.deleteIfExists(unix.path());
            } catch (java.io.IOException ignored) {
                // a socket file left behind is removed at the next bind
            }
        }
    }

    public Path socketPath() {
        return spec instanceof ListenerSpec.Unix unix ? unix.path() : null;
    }
}
