package org.loftmail.transport;

/** A protocol plugged into the transport: it names itself and makes one session per connection. */
public interface ProtocolService {

    /** The service name, as in {@code service imap-login} or {@code service lmtp}: used for logs and limits. */
    String name();

    /** Makes the session for a new connection. Called on the session's executor. */
    Session newSession(Connection connection);

    /** Initial maximum line length (bytes, without CRLF). */
    default int maxLineLength() {
        return 65536;
    }

    /** What the client reads before the server closes a connection over a connection limit. */
    byte[] tooManyConnectionsReply();

    /** After which lines the decoder waits for the session (literals, STARTTLS, BDAT). */
    default LinePauser linePauser() {
        return LinePauser.NEVER;
    }

    /** Whether lines end with LF only (Dovecot's auth protocol) rather than CRLF (also accepting bare LF). */
    default boolean lfOnly() {
        return false;
    }
}
