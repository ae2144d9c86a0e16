package org.loftmail.lmtp;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.loftmail.lmtp.delivery.MailDelivery;
import org.loftmail.lmtp.session.LmtpSession;
import org.loftmail.smtp.server.SmtpFraming;
import org.loftmail.transport.Connection;
import org.loftmail.transport.LinePauser;
import org.loftmail.transport.ProtocolService;
import org.loftmail.transport.Session;

/**
 * LMTP (RFC 2033) for the transport: bind it on {@code service lmtp}'s unix_listener and inet_listener. Every
 * session shares one {@link MailDelivery}, the same one lda uses.
 */
public final class LmtpService implements ProtocolService {

    private final LmtpSettings settings;
    private final MailDelivery delivery;

    /**
     * @param settings the protocol settings (host name, greeting, limits)
     * @param delivery the delivery path: userdb, storage, filter, and the lda/lmtp settings
     */
    public LmtpService(LmtpSettings settings, MailDelivery delivery) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.delivery = Objects.requireNonNull(delivery, "delivery");
    }

    @Override
    public String name() {
        return "lmtp";
    }

    @Override
    public Session newSession(Connection connection) {
        return new LmtpSession(connection, settings, delivery);
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
}
