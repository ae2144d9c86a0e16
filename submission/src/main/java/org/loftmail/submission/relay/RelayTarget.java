package org.loftmail.submission.relay;

import java.time.Duration;
import java.util.Objects;
import org.loftmail.core.config.InvalidSettingException;
import org.loftmail.smtp.client.RelaySettings;

/**
 * The relay MTA accepted mail goes to ({@code submission_relay_*}): how to reach it, whether it is told the real
 * client with XCLIENT ({@code submission_relay_trusted}), and how long an unused relay connection is kept
 * ({@code submission_relay_max_idle_time}) before the next transaction opens a new one.
 */
public record RelayTarget(RelaySettings connection, boolean trusted, Duration maxIdle) {

    public RelayTarget {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(maxIdle, "maxIdle");
        if (maxIdle.isZero() || maxIdle.isNegative()) {
            throw new InvalidSettingException("submission_relay_max_idle_time", "must not be 0");
        }
    }
}
