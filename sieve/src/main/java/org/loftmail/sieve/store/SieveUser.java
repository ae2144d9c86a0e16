package org.loftmail.sieve.store;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Whose scripts to open, as the userdb answered: the name (for logs), the home directory ({@code ~} in the
 * location; everything beneath it is the user's and treated as hostile), and the uid/gid that new files get and
 * that existing ones must have when Loft runs as root (empty: keep the process's own, check nothing).
 */
public record SieveUser(String username, Optional<Path> home, OptionalInt uid, OptionalInt gid) {

    public SieveUser {
        Objects.requireNonNull(username, "username");
        home = home == null ? Optional.empty() : home.map(p -> p.toAbsolutePath().normalize());
        uid = uid == null ? OptionalInt.empty() : uid;
        gid = gid == null ? OptionalInt.empty() : gid;
    }

    /** A user whose files keep the process's owner (tests, single-user setups). */
    public static SieveUser of(String username, Path home) {
        return new SieveUser(username, Optional.ofNullable(home), OptionalInt.empty(), OptionalInt.empty());
    }

    /** The same user as the storage layer's {@link org.loftmail.core.storage.StorageUser}. */
    public static SieveUser of(org.loftmail.core.storage.StorageUser user) {
        return new SieveUser(user.username(), Optional.ofNullable(user.home()), user.uid(), user.gid());
    }
}
