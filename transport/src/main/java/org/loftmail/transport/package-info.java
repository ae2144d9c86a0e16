/**
 * The network layer every protocol uses: listeners (TCP and unix sockets), TLS and STARTTLS, line and raw
 * framing with limits, connection limits, and the per-session serial executor.
 *
 * <p>A protocol module supplies a {@link org.loftmail.transport.ProtocolService} that makes one
 * {@link org.loftmail.transport.Session} per connection. Netty event loops only do socket I/O, TLS and framing;
 * every {@code Session} callback runs on that session's serial executor (virtual threads), one at a time and in
 * order, so session code may block on disk, JDBC or PAM. An idle session holds no thread. Writes through
 * {@link org.loftmail.transport.Connection} block the session's virtual thread while the client is not reading,
 * so a slow reader cannot make the server buffer without bound.
 */
package org.loftmail.transport;
