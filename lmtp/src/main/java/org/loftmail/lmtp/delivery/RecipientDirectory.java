package org.loftmail.lmtp.delivery;

import java.util.Map;
import java.util.Objects;
import org.loftmail.core.storage.StorageUser;

/**
 * Where delivery finds a user: the userdb lookup (which applies auth_username_format) and the mapping of the
 * userdb's answer (home, mail, uid, gid, quota_rule) to the storage to open. The server wires it from the
 * AuthService and the mail settings ({@link AuthRecipientDirectory}); tests may give a fixed table.
 */
@FunctionalInterface
public interface RecipientDirectory {

    /** Looks up {@code user} as the MTA named it, without the detail ({@code jsmith@example.com}). Never throws. */
    Lookup lookup(String user);

    sealed interface Lookup {}

    /**
     * The user exists; {@code user} is the final name (after auth_username_format and userdb's user=);
     * {@code fields} are every userdb field (sieve, sieve_dir, quota_rule…), for the filter.
     */
    record Found(String user, StorageUser storage, Map<String, String> fields) implements Lookup {
        public Found {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(storage, "storage");
            fields = Map.copyOf(fields);
        }

        public Found(String user, StorageUser storage) {
            this(user, storage, Map.of());
        }
    }

    record NotFound() implements Lookup {}

    /** The userdb cannot answer now; {@code reason} goes to the log only. */
    record Unavailable(String reason) implements Lookup {}
}
