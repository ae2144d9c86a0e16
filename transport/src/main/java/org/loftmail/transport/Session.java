package org.loftmail.transport;

/**
 * One client connection as a protocol sees it. All callbacks run on the session's serial executor, never on an
 * event-loop thread, one at a time, in the order the input arrived.
 */
public interface Session {

    /** The connection is up (and, on an implicit-TLS listener, the handshake is done): send the greeting. */
    void start();

    /** A complete line, without its CRLF or LF. */
    void onLine(byte[] line);

    /**
     * A line longer than the connection's limit arrived; its bytes were discarded up to the next LF. The
     * session answers with its protocol's error (and may close).
     */
    void onLineTooLong();

    /**
     * A piece of the raw data asked for with {@link Connection#readRaw(long)}. {@code last} is true on the
     * piece that completes the requested count; after it the connection is back in line mode.
     */
    default void onRawData(byte[] chunk, boolean last) {
        throw new IllegalStateException("this session never asks for raw data");
    }

    /** No input for the connection's idle timeout. The default closes the connection. */
    default void onIdleTimeout(Connection connection) {
        connection.close();
    }

    /** The connection is gone (either side closed it). Release what the session holds. */
    default void onClose() {}
}
