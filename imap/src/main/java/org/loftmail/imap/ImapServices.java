package org.loftmail.imap;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import org.loftmail.auth.AuthService;
import org.loftmail.transport.ConnectionLimiter;

/** What every session of one IMAP service shares; {@code commandWorkLimit} is each command's work budget (ADR 0802). */
record ImapServices(
        ImapSettings settings,
        AuthService auth,
        UserStorageOpener storage,
        ConnectionLimiter userIpLimiter,
        ScheduledExecutorService timers,
        CommandTable commands,
        long commandWorkLimit) {

    ImapServices {
        Objects.requireNonNull(settings);
        Objects.requireNonNull(auth);
        Objects.requireNonNull(storage);
        Objects.requireNonNull(userIpLimiter);
        Objects.requireNonNull(timers);
        Objects.requireNonNull(commands);
        if (commandWorkLimit <= 0) throw new IllegalArgumentException("commandWorkLimit must be positive");
    }
}
