package org.loftmail.core.storage;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Whose mail to open, as the userdb answered: the name (for logs), home, {@code mail_location} with every
 * {@code %} variable and {@code ~} already expanded by the caller (e.g. {@code maildir:/home/jsmith/Maildir}),
 * the uid/gid new files get when Loft runs as root (empty: keep the process's own), and per-user quota rules
 * from userdb ({@code quota_rule=*:storage=1G} style values; they override the global ones of the same name).
 */
public record StorageUser(
        String username, Path home, String mailLocation, OptionalInt uid, OptionalInt gid, List<String> quotaRules) {

    public StorageUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(mailLocation, "mailLocation");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(gid, "gid");
        quotaRules = List.copyOf(quotaRules);
    }

    /** A user whose files keep the process's owner; convenient for tests and single-user setups. */
    public static StorageUser of(String username, Path home, String mailLocation) {
        return new StorageUser(username, home, mailLocation, OptionalInt.empty(), OptionalInt.empty(), List.of());
    }

    public StorageUser withQuotaRules(List<String> rules) {
        return new StorageUser(username, home, mailLocation, uid, gid, rules);
    }
}
