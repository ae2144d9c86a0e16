package org.loftmail.transport.literal;

/**
 * Input that does not follow the string or literal syntax. The message is always one of this package's fixed
 * texts (never client bytes), so a protocol can put it on the wire in its error reply.
 */
public final class WireSyntaxException extends RuntimeException {

    public WireSyntaxException(String message) {
        super(message, null, false, false);
    }
}
