package org.loftmail.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event loops and the listeners bound on them. Linux's epoll is used when Netty's native library loads
 * (unix sockets need it), NIO otherwise.
 */
public final class NetServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NetServer.class);
    /** How long closing the server waits for sessions to finish closing (writing their index, unlocking). */
    private static final Duration SESSION_CLOSE_LIMIT = Duration.ofSeconds(10);

    private final boolean epoll = Epoll.isAvailable();
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final OpenSessions sessions = new OpenSessions();

    /** {@code ioThreads} event-loop threads (0: Netty's default, twice the cores). */
    public NetServer(int ioThreads) {
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.acceptors = new MultiThreadIoEventLoopGroup(1, factory);
        this.workers = new MultiThreadIoEventLoopGroup(ioThreads, factory);
        if (!epoll) {
            LOG.info("epoll is not available ({}); using NIO", String.valueOf(Epoll.unavailabilityCause()));
        }
    }

    /**
     * Binds one listener. {@code tls} is the context for implicit TLS (when the spec asks for it) or for STARTTLS
     * (otherwise); null when TLS is not configured.
     */
    public BoundListener bind(ListenerSpec spec, ProtocolService service, SslContext tls, ConnectionLimiter limiter)
            throws IOException {
        SniContexts fixed = tls == null ? null : SniContexts.single(tls);
        return bindReloadable(spec, service, () -> fixed, limiter);
    }

    /**
     * Binds one listener whose TLS contexts may change while it listens (a reload): each new connection takes
     * what {@code tls} supplies when it is accepted and keeps it. A supplier of null means TLS is not configured.
     */
    public BoundListener bindReloadable(ListenerSpec spec, ProtocolService service, Supplier<SniContexts> tls,
            ConnectionLimiter limiter) throws IOException {
        if (spec instanceof ListenerSpec.Inet inet && inet.implicitTls() && tls.get() == null) {
            throw new IOException(service.name() + ": listener " + inet.name() + " has ssl = yes but TLS is not configured");
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptors, workers)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 256 * 1024))
                .childOption(ChannelOption.AUTO_READ, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        SniContexts contexts = tls.get();
                        if (spec instanceof ListenerSpec.Inet inet && inet.implicitTls()) {
                            if (contexts == null) {
                                ch.close(); // TLS was switched off by a reload; this listener is being closed
                                return;
                            }
                            ch.pipeline().addLast("tls", contexts.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast("session", new NettyConnection(service, spec, contexts, limiter, sessions));
                    }
                });
        return switch (spec) {
            case ListenerSpec.Inet inet -> bindInet(bootstrap, inet, service);
            case ListenerSpec.Unix unix -> bindUnix(bootstrap, unix, service);
        };
    }

    private BoundListener bindInet(ServerBootstrap bootstrap, ListenerSpec.Inet inet, ProtocolService service)
            throws IOException {
        Class<? extends ServerChannel> type = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        bootstrap.channel(type).option(ChannelOption.SO_BACKLOG, 1024).option(ChannelOption.SO_REUSEADDR, true);
        String host = inet.address().equals("*") ? "0.0.0.0" : inet.address().equals("::") ? "::" : inet.address();
        int port = inet.port() == ListenerSpec.EPHEMERAL ? 0 : inet.port();
        InetSocketAddress address = new InetSocketAddress(host, port);
        try {
            Channel channel = bootstrap.bind(address).syncUninterruptibly().channel();
            return new BoundListener(inet, channel);
        } catch (Exception e) {
            String why = e instanceof BindException ? "address already in use or not available" : e.getMessage();
            throw new IOException(service.name() + ": cannot listen on " + host + ":" + port + " (inet_listener "
                    + inet.name() + "): " + why, e);
        }
    }

    private BoundListener bindUnix(ServerBootstrap bootstrap, ListenerSpec.Unix unix, ProtocolService service)
            throws IOException {
        if (!epoll) {
            throw new IOException(service.name() + ": unix_listener " + unix.path()
                    + " needs Linux epoll, which is not available here");
        }
        Path path = unix.path().toAbsolutePath();
        Path dir = path.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException(service.name() + ": unix_listener " + path + ": directory " + dir + " does not exist");
        }
        Files.deleteIfExists(path); // a socket left by a previous run
        bootstrap.channel(EpollServerDomainSocketChannel.class);
        Channel channel;
        try {
            channel = bootstrap.bind(new DomainSocketAddress(path.toString())).syncUninterruptibly().channel();
        } catch (Exception e) {
            throw new IOException(service.name() + ": cannot listen on unix socket " + path + ": " + e.getMessage(), e);
        }
        try {
            applyOwnership(path, unix);
        } catch (IOException e) {
            channel.close().syncUninterruptibly();
            throw new IOException(service.name() + ": unix_listener " + path + ": " + e.getMessage(), e);
        }
        return new BoundListener(unix, channel);
    }

    private static void applyOwnership(Path path, ListenerSpec.Unix unix) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        if (!unix.user().isEmpty()) {
            UserPrincipal user = lookup.lookupPrincipalByName(unix.user());
            view.setOwner(user);
        }
        if (!unix.group().isEmpty()) {
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(unix.group());
            view.setGroup(group);
        }
        view.setPermissions(permissions(unix.mode()));
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ
        };
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }

    public boolean usesEpoll() {
        return epoll;
    }

    @Override
    public void close() {
        acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        if (!sessions.awaitNone(SESSION_CLOSE_LIMIT)) {
            LOG.warn("{} sessions were still closing {} s after the listeners stopped", sessions.count(),
                    SESSION_CLOSE_LIMIT.toSeconds());
        }
    }
}
