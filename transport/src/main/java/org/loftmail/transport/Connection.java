package org.loftmail.transport;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;

/** What a session can do with its connection. Safe to call from the session's own executor thread. */
public interface Connection {

    /** Queues bytes for the client. Nothing is sent before {@link #flush()}. */
    void write(byte[] bytes);

    /** Queues {@code length} bytes of {@code bytes} from {@code offset} (a streamer's reused buffer, not copied first). */
    default void write(byte[] bytes, int offset, int length) {
        write(java.util.Arrays.copyOfRange(bytes, offset, offset + length));
    }

    default void write(String ascii) {
        write(ascii.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends what was written. Blocks the calling (virtual) thread while the client is not reading and too much
     * is pending, so output stays bounded. Returns false when the connection is already closed.
     */
    boolean flush();

    /**
     * Flushes what was written, then switches the connection to TLS: the next bytes in both directions are a
     * TLS handshake. Any plaintext the client pipelined after the command is discarded (it must not be run as
     * if it had come over TLS).
     */
    void startTls();

    /**
     * True when the client sent more after the line being handled (pipelined input), which a protocol must refuse
     * before it switches framing (IMAP COMPRESS). Only meaningful while handling a line the protocol pauses after.
     */
    default boolean inputPending() {
        return false;
    }

    /**
     * Flushes what was written (uncompressed), then compresses the connection with raw deflate in both directions
     * (IMAP COMPRESS=DEFLATE, RFC 4978), under TLS when TLS is up. Called while handling a line the protocol
     * pauses after, once {@link #inputPending()} said there is nothing pipelined.
     */
    default void startCompression() {
        throw new UnsupportedOperationException("compression is not supported by this connection");
    }

    /** True once TLS is up (implicit-TLS listener, or after {@link #startTls()}). */
    boolean isSecure();

    /** Whether this connection's listener could switch to TLS at all (a TLS context is configured). */
    boolean canStartTls();

    /** The TLS client certificate, when one was presented and verified. */
    Optional<X509Certificate> peerCertificate();

    /** The next {@code count} bytes go to {@link Session#onRawData} in pieces, then line mode resumes. */
    void readRaw(long count);

    /** Idle timeout for input; zero disables it. */
    void setIdleTimeout(Duration timeout);

    /** Maximum line length in bytes (without CRLF) for the lines that follow. */
    void setMaxLineLength(int bytes);

    /** Flushes what was written and closes. */
    void close();

    boolean isOpen();

    SocketAddress remoteAddress();

    SocketAddress localAddress();

    /** The remote IP as text ("127.0.0.1", "::1"), or "local" for a unix socket (Dovecot's wording). */
    String remoteIp();

    /** The local IP as text, or "local" for a unix socket. */
    String localIp();

    int remotePort();

    int localPort();

    /** The listener this connection came in on. */
    ListenerSpec listener();

    /** A short unique id, as Dovecot prints in {@code session=<…>}. */
    String sessionId();

    /** Bytes received and sent so far (Dovecot's in= and out=). */
    long bytesIn();

    long bytesOut();
}
