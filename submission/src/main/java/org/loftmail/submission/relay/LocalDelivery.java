package org.loftmail.submission.relay;

import java.util.List;
import org.loftmail.core.delivery.DeliveryMessage;
import org.loftmail.core.delivery.DeliveryRecipient;
import org.loftmail.core.delivery.Envelope;
import org.loftmail.smtp.codec.SmtpReply;

/**
 * The delivery path (userdb, quota, filter, storage) as submission sees it when no relay is configured. The server
 * implements it over LMTP's delivery; submission never depends on lmtp.
 */
public interface LocalDelivery {

    /** The verdict on a recipient: the reply, and the recipient to deliver to when the reply is positive. */
    record Verdict(SmtpReply reply, DeliveryRecipient recipient) {
        public Verdict {
            if (reply.positive() && recipient == null) {
                throw new IllegalArgumentException("an accepted recipient needs its delivery recipient");
            }
        }
    }

    /** RCPT: is {@code address} a local user who can take a message of about {@code sizeHint} bytes? */
    Verdict check(String address, long sizeHint);

    /** Delivers to each recipient; one reply per recipient, in order, positive once the copy is durably saved. */
    List<SmtpReply> deliver(Envelope envelope, DeliveryMessage message, List<DeliveryRecipient> recipients);
}
