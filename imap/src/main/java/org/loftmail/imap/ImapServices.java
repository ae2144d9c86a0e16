package org.loftmail.imap;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import org.loftmail.auth.AuthService;
import org.loftmail.transport.ConnectionLimiter;

/** What every session of one IMAP service shares. */
record ImapServices(
        ImapSettings settings,
        AuthService auth,
        UserStorageOpener storage,
        ConnectionLimiter userIpLimiter,
        ScheduledExecutorService timers,
        CommandTable commands) {

    ImapServices {
        Objects.requireNonNull(settings);
        Objects.requireNonNull(auth);
        Objects.requireNonNull(storage);
        Objects.requireNonNull(userIpLimiter);
        Objects.requireNonNull(timers);
        Objects.requireNonNull(commands);
    }
}
