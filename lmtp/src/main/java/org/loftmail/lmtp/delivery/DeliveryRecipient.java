package org.loftmail.lmtp.delivery;

import java.util.Objects;
import org.loftmail.core.storage.StorageUser;

/**
 * A recipient the userdb knows, ready for delivery: its address, the original address (RFC 3461 ORCPT, else the
 * same), the final user name from the userdb, and whose storage to open.
 */
public record DeliveryRecipient(RecipientAddress address, String originalAddress, String user, StorageUser storage) {

    public DeliveryRecipient {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(originalAddress, "originalAddress");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(storage, "storage");
    }
}
