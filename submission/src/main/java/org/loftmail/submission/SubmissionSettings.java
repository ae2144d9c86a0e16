package org.loftmail.submission;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.loftmail.submission.relay.RelayTarget;

/**
 * Everything the submission service is configured with (Dovecot's {@code submission_*} settings and the login
 * settings it shares with IMAP and POP3). Values are checked by {@link SubmissionSettingsBinder}, which knows where
 * each was set; the record only refuses impossible combinations.
 *
 * @param hostname           {@code hostname}: the greeting, EHLO, Received and the relay EHLO name
 * @param greeting           {@code login_greeting}
 * @param tempDir            {@code mail_temp_dir}: where large messages are spooled while relayed
 * @param maxMailSize        {@code submission_max_mail_size}, 0 for no limit (announced in SIZE)
 * @param maxRecipients      {@code submission_max_recipients}, 0 for no limit
 * @param workarounds        {@code submission_client_workarounds}
 * @param offer8BitMime      8BITMIME in EHLO ({@code submission_backend_capabilities}, or the relay's own when unset)
 * @param relay              the relay MTA, or null: mail is delivered to local users only
 * @param addReceivedHeader  {@code submission_add_received_header}
 * @param logoutFormat       {@code submission_logout_format}
 * @param sslRequired        {@code ssl = required}: no AUTH at all before TLS (local connections excepted)
 * @param maxUserIpConnections {@code mail_max_userip_connections} (0: no limit)
 * @param loginTimeout       how long a client may stay idle before authenticating
 * @param idleTimeout        how long an authenticated client may stay idle (RFC 5321 section 4.5.3.2: 5 minutes)
 * @param maxLineLength      the longest command or data line (RFC 5321: 1000 with CRLF; Dovecot allows more)
 * @param maxBadCommands     unknown or malformed commands in a row before the connection is closed
 */
public record SubmissionSettings(
        String hostname,
        String greeting,
        Path tempDir,
        long maxMailSize,
        int maxRecipients,
        Set<Workaround> workarounds,
        boolean offer8BitMime,
        RelayTarget relay,
        boolean addReceivedHeader,
        String logoutFormat,
        boolean sslRequired,
        int maxUserIpConnections,
        Duration loginTimeout,
        Duration idleTimeout,
        int maxLineLength,
        int maxBadCommands) {

    /** {@code submission_client_workarounds} values. */
    public enum Workaround {
        /** Spaces or tabs between {@code MAIL FROM:} / {@code RCPT TO:} and the path. */
        WHITESPACE_BEFORE_PATH("whitespace-before-path"),
        /** A bare mailbox without angle brackets as the path. */
        MAILBOX_FOR_PATH("mailbox-for-path");

        private final String dovecotName;

        Workaround(String dovecotName) {
            this.dovecotName = dovecotName;
        }

        public String dovecotName() {
            return dovecotName;
        }

        public static Workaround parse(String name) {
            for (Workaround w : values()) {
                if (w.dovecotName.equalsIgnoreCase(name)) {
                    return w;
                }
            }
            throw new IllegalArgumentException("Unknown workaround: " + name);
        }
    }

    public SubmissionSettings {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(greeting, "greeting");
        Objects.requireNonNull(tempDir, "tempDir");
        Objects.requireNonNull(logoutFormat, "logoutFormat");
        Objects.requireNonNull(loginTimeout, "loginTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        workarounds = Set.copyOf(workarounds);
        if (maxMailSize < 0 || maxRecipients < 0 || maxUserIpConnections < 0) {
            throw new IllegalArgumentException("negative limit");
        }
        if (maxLineLength < 1000 || maxBadCommands < 1) {
            throw new IllegalArgumentException("line length below RFC 5321's 1000 or no bad commands allowed");
        }
    }

    /** Defaults for tests and tools: no relay (local delivery), no limits beyond the protocol's. */
    public static SubmissionSettings defaults(String hostname, Path tempDir) {
        return new SubmissionSettings(hostname, "Loft ready.", tempDir, 0, 0, Set.of(), true, null, true,
                "in=%i out=%o", false, 10, Duration.ofMinutes(3), Duration.ofMinutes(5), 65536, 10);
    }

    public boolean has(Workaround w) {
        return workarounds.contains(w);
    }

    public SubmissionSettings withRelay(RelayTarget relay) {
        return new SubmissionSettings(hostname, greeting, tempDir, maxMailSize, maxRecipients, workarounds,
                offer8BitMime, relay, addReceivedHeader, logoutFormat, sslRequired, maxUserIpConnections,
                loginTimeout, idleTimeout, maxLineLength, maxBadCommands);
    }

    public SubmissionSettings withLimits(long maxMailSize, int maxRecipients, int maxLineLength) {
        return new SubmissionSettings(hostname, greeting, tempDir, maxMailSize, maxRecipients, workarounds,
                offer8BitMime, relay, addReceivedHeader, logoutFormat, sslRequired, maxUserIpConnections,
                loginTimeout, idleTimeout, maxLineLength, maxBadCommands);
    }

    public SubmissionSettings withTimeouts(Duration login, Duration idle) {
        return new SubmissionSettings(hostname, greeting, tempDir, maxMailSize, maxRecipients, workarounds,
                offer8BitMime, relay, addReceivedHeader, logoutFormat, sslRequired, maxUserIpConnections,
                login, idle, maxLineLength, maxBadCommands);
    }

    public SubmissionSettings withWorkarounds(Set<Workaround> workarounds) {
        return new SubmissionSettings(hostname, greeting, tempDir, maxMailSize, maxRecipients, workarounds,
                offer8BitMime, relay, addReceivedHeader, logoutFormat, sslRequired, maxUserIpConnections,
                loginTimeout, idleTimeout, maxLineLength, maxBadCommands);
    }

    public SubmissionSettings withReceivedHeader(boolean add) {
        return new SubmissionSettings(hostname, greeting, tempDir, maxMailSize, maxRecipients, workarounds,
                offer8BitMime, relay, add, logoutFormat, sslRequired, maxUserIpConnections,
                loginTimeout, idleTimeout, maxLineLength, maxBadCommands);
    }
}
