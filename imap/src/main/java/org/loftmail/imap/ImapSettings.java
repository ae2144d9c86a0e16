package org.loftmail.imap;

import java.time.Duration;
import java.util.Objects;
import org.loftmail.core.config.InvalidSettingException;

/**
 * What the IMAP service is configured with (Dovecot's names in brackets); bound by {@link ImapSettingsBinder}.
 *
 * @param maxLineLength            longest command line and, for commands other than APPEND, the most bytes a whole
 *                                 command with its literals may hold ({@code imap_max_line_length}, 64 KiB)
 * @param appendLimit              largest message APPEND accepts, advertised as {@code APPENDLIMIT=n}; 0 for no
 *                                 limit ({@code quota_max_mail_size})
 * @param maxUserIpConnections     sessions one user may have from one address ({@code mail_max_userip_connections})
 * @param idleNotifyInterval       how often an IDLE client gets {@code * OK Still here}
 *                                 ({@code imap_idle_notify_interval})
 * @param idleCheckInterval        how often an IDLE session looks for changes made by other programs
 *                                 ({@code mailbox_idle_check_interval})
 * @param loginTimeout             input timeout before login (Dovecot's imap-login: 3 minutes)
 * @param autologout               input timeout after login (RFC 3501 5.4: at least 30 minutes)
 * @param greeting                 the greeting text ({@code login_greeting})
 * @param clientName               the name sent in the ID response ({@code imap_id_send = name})
 */
public record ImapSettings(
        int maxLineLength,
        long appendLimit,
        int maxUserIpConnections,
        Duration idleNotifyInterval,
        Duration idleCheckInterval,
        Duration loginTimeout,
        Duration autologout,
        String greeting,
        String clientName) {

    public ImapSettings {
        if (maxLineLength < 1024) {
            throw new InvalidSettingException("imap_max_line_length", "imap_max_line_length must be at least 1024");
        }
        if (appendLimit < 0) {
            throw new InvalidSettingException("quota_max_mail_size", "quota_max_mail_size must not be negative");
        }
        Objects.requireNonNull(idleNotifyInterval, "imap_idle_notify_interval");
        Objects.requireNonNull(idleCheckInterval, "mailbox_idle_check_interval");
        Objects.requireNonNull(loginTimeout, "loginTimeout");
        Objects.requireNonNull(autologout, "autologout");
        if (idleNotifyInterval.isNegative()) {
            throw new InvalidSettingException("imap_idle_notify_interval", "IDLE intervals must not be negative");
        }
        if (idleCheckInterval.isNegative()) {
            throw new InvalidSettingException("mailbox_idle_check_interval", "IDLE intervals must not be negative");
        }
        greeting = greeting == null || greeting.isBlank() ? "Loft ready." : greeting;
        if (greeting.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            throw new InvalidSettingException("login_greeting", "login_greeting must be printable ASCII");
        }
        clientName = clientName == null || clientName.isBlank() ? "Loft" : clientName;
    }

    /** Dovecot 2.3's defaults. */
    public static ImapSettings defaults() {
        return new ImapSettings(64 * 1024, 0, 10, Duration.ofMinutes(2), Duration.ofSeconds(30), Duration.ofMinutes(3),
                Duration.ofMinutes(30), "Loft ready.", "Loft");
    }

    public ImapSettings withAppendLimit(long limit) {
        return new ImapSettings(maxLineLength, limit, maxUserIpConnections, idleNotifyInterval, idleCheckInterval,
                loginTimeout, autologout, greeting, clientName);
    }

    public ImapSettings withIdleIntervals(Duration notify, Duration check) {
        return new ImapSettings(maxLineLength, appendLimit, maxUserIpConnections, notify, check, loginTimeout,
                autologout, greeting, clientName);
    }

    public ImapSettings withMaxUserIpConnections(int max) {
        return new ImapSettings(maxLineLength, appendLimit, max, idleNotifyInterval, idleCheckInterval, loginTimeout,
                autologout, greeting, clientName);
    }

    public ImapSettings withMaxLineLength(int max) {
        return new ImapSettings(max, appendLimit, maxUserIpConnections, idleNotifyInterval, idleCheckInterval,
                loginTimeout, autologout, greeting, clientName);
    }
}
