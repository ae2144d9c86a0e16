package org.loftmail.core.delivery;

import java.util.Objects;
import org.loftmail.core.storage.MailStorage;

/**
 * What a filter sees for one recipient: the envelope, the recipient (address, detail, user), the message (its
 * bytes and its parsed headers, parsed once for all recipients), and the recipient's open storage (for Sieve's
 * {@code mailboxexists}, metadata and the user's scripts' home). The filter must not save through the storage:
 * it returns actions and the delivery executes them.
 */
public record FilterContext(
        Envelope envelope, DeliveryRecipient recipient, DeliveryMessage message, MailStorage storage,
        String defaultMailbox) {

    public FilterContext {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(defaultMailbox, "defaultMailbox");
    }
}
