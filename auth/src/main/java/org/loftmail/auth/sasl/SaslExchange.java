package org.loftmail.auth.sasl;

import java.util.Optional;

/**
 * One server-side SASL exchange, a state machine fed the client's messages in order. The protocol
 * decodes base64 and handles the client's cancel ({@code *}); the exchange sees raw bytes.
 *
 * <p>Both methods may <b>block</b> on the passdb (and on slow password hashing): call them from the
 * session's virtual thread, never from an event loop. They never throw for bad input: malformed
 * messages, messages out of order or over-long ones end the exchange with a {@link
 * SaslStep.Failure}. After a final step every further call is a failure.
 */
public interface SaslExchange {

    /** The longest client message any mechanism accepts (Dovecot limits whole auth lines to 16 KiB). */
    int MAX_RESPONSE_BYTES = 8192;

    /**
     * Starts the exchange.
     *
     * @param initialResponse the client's initial response when it sent one (IMAP SASL-IR, SMTP
     *     {@code AUTH PLAIN xxx}, the auth protocol's {@code resp=}); an empty array is an empty
     *     initial response ({@code =}), which is not the same as none
     */
    SaslStep start(Optional<byte[]> initialResponse);

    /** Feeds the client's response to the last challenge. */
    SaslStep respond(byte[] response);
}
