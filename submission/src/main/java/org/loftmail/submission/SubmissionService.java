package org.loftmail.submission;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.loftmail.auth.AuthService;
import org.loftmail.core.log.MailLog;
import org.loftmail.smtp.server.SmtpFraming;
import org.loftmail.submission.relay.LocalDelivery;
import org.loftmail.submission.relay.LocalOutbound;
import org.loftmail.submission.relay.Outbound;
import org.loftmail.submission.relay.RelayOutbound;
import org.loftmail.submission.session.SubmissionSession;
import org.loftmail.transport.Connection;
import org.loftmail.transport.ConnectionLimiter;
import org.loftmail.transport.LinePauser;
import org.loftmail.transport.ProtocolService;
import org.loftmail.transport.Session;

/**
 * SMTP submission (RFC 6409) for the transport: bind it on {@code service submission-login}'s listeners,
 * {@code submission} (587, STARTTLS) and {@code submissions} (465, implicit TLS, RFC 8314). Logins go through the
 * same auth service as IMAP and POP3; accepted mail goes to the relay MTA, or without one to the local delivery.
 */
public final class SubmissionService implements ProtocolService {

    private final SubmissionSettings settings;
    private final AuthService auth;
    private final LocalDelivery localDelivery;
    private final ConnectionLimiter userIpConnections;

    /**
     * @param localDelivery the delivery path for local users, used only when {@code settings.relay()} is null;
     *     may then not be null
     */
    public SubmissionService(SubmissionSettings settings, AuthService auth, LocalDelivery localDelivery) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.auth = Objects.requireNonNull(auth, "auth");
        if (settings.relay() == null) {
            Objects.requireNonNull(localDelivery, "localDelivery (no relay is configured)");
        }
        this.localDelivery = localDelivery;
        this.userIpConnections = new ConnectionLimiter(0, settings.maxUserIpConnections());
    }

    @Override
    public String name() {
        return "submission-login";
    }

    @Override
    public Session newSession(Connection connection) {
        return new SubmissionSession(this, connection);
    }

    @Override
    public int maxLineLength() {
        return SmtpFraming.transportLineLimit(settings.maxLineLength());
    }

    @Override
    public byte[] tooManyConnectionsReply() {
        return "421 4.3.2 Too many concurrent connections\r\n".getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public LinePauser linePauser() {
        return SmtpFraming.PAUSER;
    }

    /** Lines keep their CR so that only {@code <CRLF>.<CRLF>} ends DATA (see {@link SmtpFraming}). */
    @Override
    public boolean lfOnly() {
        return true;
    }

    public SubmissionSettings settings() {
        return settings;
    }

    public AuthService auth() {
        return auth;
    }

    /** mail_max_userip_connections, keyed "user/ip". */
    public ConnectionLimiter userIpConnections() {
        return userIpConnections;
    }

    /** Where a logged-in session's mail goes. */
    public Outbound outboundFor(MailLog log) {
        return settings.relay() != null ? new RelayOutbound(settings.relay(), log)
                : new LocalOutbound(localDelivery, settings.hostname());
    }
}
