package org.loftmail.lmtp;

import java.time.Duration;
import java.util.Objects;

/**
 * The LMTP protocol's own settings (the delivery's are in {@link org.loftmail.lmtp.delivery.DeliverySettings}).
 *
 * @param hostname      the name in the greeting and LHLO reply (Dovecot's hostname)
 * @param greeting      login_greeting, after the host name in the 220 greeting
 * @param maxLineLength longest command or message line in bytes; a longer message line fails that message
 * @param idleTimeout   how long a client may stay silent (Dovecot: 5 minutes)
 * @param maxRecipients recipients per transaction; more get 452 4.5.3
 */
public record LmtpSettings(String hostname, String greeting, int maxLineLength, Duration idleTimeout,
        int maxRecipients) {

    public LmtpSettings {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(greeting, "greeting");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (maxLineLength < 1000) {
            throw new IllegalArgumentException("maximum line length must be at least 1000 (RFC 5321), not "
                    + maxLineLength);
        }
        if (maxRecipients < 1) {
            throw new IllegalArgumentException("maximum recipients must be positive");
        }
    }

    public static LmtpSettings defaults(String hostname) {
        return new LmtpSettings(hostname, "Loft ready.", 64 * 1024, Duration.ofMinutes(5), 1000);
    }
}
