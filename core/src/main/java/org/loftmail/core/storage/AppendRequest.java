package org.loftmail.core.storage;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.loftmail.core.mail.Flags;

/** APPEND/delivery options: INTERNALDATE (empty: now) and the initial flags and keywords. */
public record AppendRequest(Optional<Instant> internalDate, Flags flags) {
    public static final AppendRequest DEFAULT = new AppendRequest(Optional.empty(), Flags.NONE);

    public AppendRequest {
        Objects.requireNonNull(internalDate, "internalDate");
        Objects.requireNonNull(flags, "flags");
    }

    public static AppendRequest of(Flags flags) {
        return new AppendRequest(Optional.empty(), flags);
    }
}
