package org.loftmail.submission.relay;

import org.loftmail.core.delivery.DeliveryMessage;
import org.loftmail.smtp.codec.SmtpReply;

/**
 * Where one client connection's mail goes, step by step as the client sends it, so that each reply the client gets
 * is the answer of whoever takes the mail: the relay MTA ({@link RelayOutbound}) or, without one, the local
 * delivery ({@link LocalOutbound}). Nothing is acknowledged to the client before the outbound side acknowledged it.
 */
public interface Outbound extends AutoCloseable {

    /** A transaction begins ({@code sizeHint}: the client's SIZE, 0 when not given). */
    SmtpReply mail(String sender, long sizeHint, ClientFacts client);

    /** One recipient: the reply passed to the client as it is. */
    SmtpReply rcpt(String recipient);

    /** The whole message for the recipients accepted so far; the reply to the end of the data. */
    SmtpReply data(DeliveryMessage message, ClientFacts client);

    /** RSET, or a transaction the client abandoned. */
    void reset();

    /** The client is gone. */
    @Override
    void close();
}
