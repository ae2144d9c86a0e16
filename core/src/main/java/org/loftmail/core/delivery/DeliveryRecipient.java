package org.loftmail.core.delivery;

import java.util.Map;
import java.util.Objects;
import org.loftmail.core.storage.StorageUser;

/**
 * A recipient the userdb knows, ready for delivery: its address, the original address (RFC 3461 ORCPT, else the
 * same), the final user name from the userdb, whose storage to open, and the userdb's fields (for the filter:
 * Sieve reads {@code sieve}/{@code sieve_dir} overrides from there).
 */
public record DeliveryRecipient(RecipientAddress address, String originalAddress, String user, StorageUser storage,
        Map<String, String> userdbFields) {

    public DeliveryRecipient {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(originalAddress, "originalAddress");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(storage, "storage");
        userdbFields = Map.copyOf(userdbFields);
    }

    public DeliveryRecipient(RecipientAddress address, String originalAddress, String user, StorageUser storage) {
        this(address, originalAddress, user, storage, Map.of());
    }
}
