package org.loftmail.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport's side of one connection: frames input on the event loop, runs the protocol's session on its
 * serial executor, and gives the session a blocking, bounded way to write.
 */
final class NettyConnection extends ChannelInboundHandlerAdapter implements Connection {

    private static final Logger LOG = LoggerFactory.getLogger(NettyConnection.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Input queued for the session beyond this stops reading from the socket until it drains. */
    private static final int INPUT_HIGH_WATER = 1024 * 1024;
    /** While paused, this much pipelined input is buffered before reading stops. */
    private static final int PAUSED_BUFFER_LIMIT = 256 * 1024;

    private final ProtocolService service;
    private final ListenerSpec listener;
    private final SniContexts tls;
    private final ConnectionLimiter limiter;
    private final SerialExecutor executor = new SerialExecutor();
    private final OpenSessions sessions;
    private final String sessionId = newSessionId();
    private final AtomicLong queuedInput = new AtomicLong();
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong bytesOut = new AtomicLong();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Condition writable = writeLock.newCondition();

    private volatile Channel channel;
    private volatile boolean secure;
    private volatile boolean admitted;
    private FrameDecoder decoder; // event loop only
    private Session session; // session executor only
    private ByteBuf out; // session executor only
    private boolean modeRequested; // session executor only
    private boolean inPausingLine; // session executor only
    private boolean closedDelivered; // session executor only

    NettyConnection(ProtocolService service, ListenerSpec listener, SniContexts tls, ConnectionLimiter limiter,
            OpenSessions sessions) {
        this.sessions = sessions;
        this.service = service;
        this.listener = listener;
        this.tls = tls;
        this.limiter = limiter;
    }

    // ---- event loop side ----

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        decoder = new FrameDecoder(ctx.alloc(), this::enqueue, service.linePauser(), service.lfOnly(),
                service.maxLineLength());
        if (!limiter.tryAcquire(remoteIp())) {
            LOG.info("{}: connection from {} refused: too many connections", service.name(), remoteIp());
            ctx.writeAndFlush(ctx.alloc().buffer().writeBytes(service.tooManyConnectionsReply()))
                    .addListener(f -> ctx.close());
            return;
        }
        admitted = true;
        sessions.opened();
        boolean implicitTls = listener instanceof ListenerSpec.Inet inet && inet.implicitTls();
        if (!implicitTls) {
            executor.execute(this::startSession);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                boolean first = !secure;
                secure = true;
                boolean implicitTls = listener instanceof ListenerSpec.Inet inet && inet.implicitTls();
                if (first && implicitTls) {
                    executor.execute(this::startSession);
                }
            } else {
                LOG.debug("{}: TLS handshake with {} failed: {}", service.name(), remoteIp(),
                        String.valueOf(handshake.cause()));
                ctx.close();
            }
        } else if (evt instanceof IdleStateEvent) {
            executor.execute(() -> {
                if (session != null && isOpen()) {
                    session.onIdleTimeout(this);
                }
            });
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        bytesIn.addAndGet(in.readableBytes());
        decoder.feed(in);
        updateAutoRead();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        signalWriters();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (admitted) {
            limiter.release(remoteIp());
        }
        boolean counted = admitted;
        if (decoder != null) {
            decoder.release();
        }
        signalWriters();
        executor.execute(() -> {
            try {
                deliverClose();
            } finally {
                if (counted) {
                    sessions.closed();
                }
            }
        });
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("{}: connection from {} failed: {}", service.name(), remoteIp(), cause.toString());
        ctx.close();
    }

    private void enqueue(InputItem item) {
        queuedInput.addAndGet(item.size());
        executor.execute(() -> deliver(item));
    }

    private void updateAutoRead() {
        Channel ch = channel;
        boolean tooMuchQueued = queuedInput.get() > INPUT_HIGH_WATER;
        boolean pausedFull = decoder.isPaused() && decoder.buffered() > PAUSED_BUFFER_LIMIT;
        ch.config().setAutoRead(!tooMuchQueued && !pausedFull);
    }

    private void onEventLoop(Runnable task) {
        Channel ch = channel;
        if (ch.eventLoop().inEventLoop()) {
            task.run();
        } else {
            ch.eventLoop().execute(task);
        }
    }

    // ---- session executor side ----

    private void startSession() {
        try {
            session = service.newSession(this);
            session.start();
        } catch (RuntimeException e) {
            LOG.error("{}: session failed to start", service.name(), e);
            close();
        }
    }

    private void deliver(InputItem item) {
        long left = queuedInput.addAndGet(-item.size());
        if (left < INPUT_HIGH_WATER / 2 && !channel.config().isAutoRead()) {
            onEventLoop(this::updateAutoRead);
        }
        if (session == null || !isOpen()) {
            return;
        }
        try {
            switch (item) {
                case InputItem.Line line -> {
                    inPausingLine = line.pausing();
                    modeRequested = false;
                    session.onLine(line.bytes());
                    inPausingLine = false;
                    if (line.pausing() && !modeRequested) {
                        onEventLoop(() -> {
                            decoder.resumeLines();
                            updateAutoRead();
                        });
                    }
                }
                case InputItem.TooLong ignored -> session.onLineTooLong();
                case InputItem.Raw raw -> session.onRawData(raw.bytes(), raw.last());
            }
        } catch (RuntimeException e) {
            LOG.error("{}: session error, closing connection from {}", service.name(), remoteIp(), e);
            close();
        }
    }

    private void deliverClose() {
        if (closedDelivered) {
            return;
        }
        closedDelivered = true;
        releaseOut();
        if (session != null) {
            try {
                session.onClose();
            } catch (RuntimeException e) {
                LOG.warn("{}: error while closing session", service.name(), e);
            }
        }
    }

    @Override
    public void write(byte[] bytes) {
        if (out == null) {
            out = channel.alloc().buffer(Math.max(256, bytes.length));
        }
        out.writeBytes(bytes);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        if (out == null) {
            out = channel.alloc().buffer(Math.max(256, length));
        }
        out.writeBytes(bytes, offset, length);
    }

    @Override
    public boolean flush() {
        Channel ch = channel;
        if (out != null) {
            ByteBuf toSend = out;
            out = null;
            bytesOut.addAndGet(toSend.readableBytes());
            if (!ch.isActive()) {
                toSend.release();
                return false;
            }
            ch.writeAndFlush(toSend);
        }
        awaitWritable(ch);
        return ch.isActive();
    }

    private void awaitWritable(Channel ch) {
        if (ch.isWritable() || !ch.isActive()) {
            return;
        }
        writeLock.lock();
        try {
            while (ch.isActive() && !ch.isWritable()) {
                writable.await(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            writeLock.unlock();
        }
    }

    private void signalWriters() {
        writeLock.lock();
        try {
            writable.signalAll();
        } finally {
            writeLock.unlock();
        }
    }

    private void releaseOut() {
        if (out != null) {
            out.release();
            out = null;
        }
    }

    @Override
    public void startTls() {
        if (tls == null) {
            throw new IllegalStateException("no TLS context on this listener");
        }
        if (!inPausingLine) {
            throw new IllegalStateException("startTls() must be called while handling a line the protocol pauses after");
        }
        modeRequested = true;
        Channel ch = channel;
        ByteBuf reply = out;
        out = null;
        if (reply != null) {
            bytesOut.addAndGet(reply.readableBytes());
        }
        // One event-loop task: the TLS handler is in place before the client can see the reply, so its
        // ClientHello can never be taken for pipelined plaintext and discarded (which stalled the handshake).
        // startTls = true lets the reply itself out unencrypted.
        onEventLoop(() -> {
            decoder.discardBufferedAndResume();
            ch.pipeline().addFirst("tls", tls.newStartTlsHandler(ch.alloc()));
            if (reply != null) {
                ch.writeAndFlush(reply);
            }
            updateAutoRead();
        });
    }

    @Override
    public boolean inputPending() {
        if (!inPausingLine) {
            throw new IllegalStateException("inputPending() must be called while handling a line the protocol pauses after");
        }
        java.util.concurrent.CompletableFuture<Boolean> pending = new java.util.concurrent.CompletableFuture<>();
        onEventLoop(() -> pending.complete(decoder.buffered() > 0));
        return pending.join();
    }

    @Override
    public void startCompression() {
        if (!inPausingLine) {
            throw new IllegalStateException("startCompression() must be called while handling a line the protocol pauses after");
        }
        modeRequested = true;
        Channel ch = channel;
        ByteBuf reply = out;
        out = null;
        if (reply != null) {
            bytesOut.addAndGet(reply.readableBytes());
        }
        // One event-loop task: the reply goes out uncompressed, then the handlers are in place before the client
        // can answer it, so its first compressed byte is inflated (a client that pipelined was refused before).
        onEventLoop(() -> {
            if (reply != null) {
                ch.writeAndFlush(reply);
            }
            if (ch.pipeline().get("tls") != null) {
                ch.pipeline().addAfter("tls", "deflate", new DeflateCompression());
            } else {
                ch.pipeline().addFirst("deflate", new DeflateCompression());
            }
            decoder.resumeLines();
            updateAutoRead();
        });
    }

    @Override
    public void readRaw(long count) {
        if (!inPausingLine) {
            throw new IllegalStateException("readRaw() must be called while handling a line the protocol pauses after");
        }
        modeRequested = true;
        onEventLoop(() -> {
            decoder.resumeRaw(count);
            updateAutoRead();
        });
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public boolean canStartTls() {
        return tls != null && !secure;
    }

    @Override
    public Optional<X509Certificate> peerCertificate() {
        SslHandler handler = channel.pipeline().get(SslHandler.class);
        if (handler == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = handler.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? Optional.of(x) : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    @Override
    public void setIdleTimeout(Duration timeout) {
        Channel ch = channel;
        onEventLoop(() -> {
            if (ch.pipeline().get("idle") != null) {
                ch.pipeline().remove("idle");
            }
            if (!timeout.isZero() && ch.isActive()) {
                ch.pipeline().addBefore(ch.pipeline().context(this).name(), "idle",
                        new IdleStateHandler(timeout.toMillis(), 0, 0, TimeUnit.MILLISECONDS));
            }
        });
    }

    @Override
    public void setMaxLineLength(int bytes) {
        FrameDecoder d = decoder;
        onEventLoop(() -> d.setMaxLineLength(bytes));
    }

    @Override
    public void close() {
        flush();
        channel.close();
    }

    @Override
    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public SocketAddress remoteAddress() {
        return channel.remoteAddress();
    }

    @Override
    public SocketAddress localAddress() {
        return channel.localAddress();
    }

    @Override
    public String remoteIp() {
        return ipOf(channel == null ? null : channel.remoteAddress());
    }

    @Override
    public String localIp() {
        return ipOf(channel.localAddress());
    }

    @Override
    public int remotePort() {
        return channel.remoteAddress() instanceof InetSocketAddress a ? a.getPort() : 0;
    }

    @Override
    public int localPort() {
        return channel.localAddress() instanceof InetSocketAddress a ? a.getPort() : 0;
    }

    @Override
    public ListenerSpec listener() {
        return listener;
    }

    @Override
    public String sessionId() {
        return sessionId;
    }

    @Override
    public long bytesIn() {
        return bytesIn.get();
    }

    @Override
    public long bytesOut() {
        return bytesOut.get();
    }

    private static String ipOf(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress() == null ? inet.getHostString() : inet.getAddress().getHostAddress();
        }
        if (address instanceof DomainSocketAddress || address == null) {
            return "local";
        }
        return address.toString();
    }

    private static String newSessionId() {
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        return Base64.getEncoder().withoutPadding().encodeToString(id);
    }
}
