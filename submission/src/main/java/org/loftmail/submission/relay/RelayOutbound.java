package org.loftmail.submission.relay;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.loftmail.core.delivery.DeliveryMessage;
import org.loftmail.core.log.MailLog;
import org.loftmail.smtp.client.SmtpClient;
import org.loftmail.smtp.client.SmtpProtocolException;
import org.loftmail.smtp.codec.SmtpReply;

/**
 * Proxies each transaction to the relay MTA as Dovecot's submission does: the relay connection is opened at the
 * first MAIL (EHLO, STARTTLS or implicit TLS, XCLIENT when trusted, AUTH), MAIL and every RCPT go to the relay at
 * once and its reply is what the client hears, and the message goes to the relay after the client's final dot, the
 * relay's reply to it being the client's. A relay that cannot be reached, or is lost on the way, is a 4xx: the
 * client keeps the message and tries again. The connection is reused for the next transaction unless it was idle
 * longer than {@code submission_relay_max_idle_time}.
 */
public final class RelayOutbound implements Outbound {

    static final SmtpReply CONNECT_FAILED = SmtpReply.of(451, "4.4.0", "Failed to connect to relay server");
    static final SmtpReply LOST = SmtpReply.of(451, "4.4.0", "Lost connection to relay server");
    static final SmtpReply RELAY_REFUSED_SESSION =
            SmtpReply.of(451, "4.3.0", "Relay server refused the session; try again later");

    private final RelayTarget target;
    private final MailLog log;
    private final LongSupplier clock;
    private SmtpClient client;
    private long lastUsed;
    private boolean inTransaction;

    public RelayOutbound(RelayTarget target, MailLog log) {
        this(target, log, System::nanoTime);
    }

    RelayOutbound(RelayTarget target, MailLog log, LongSupplier clock) {
        this.target = Objects.requireNonNull(target, "target");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = clock;
    }

    @Override
    public SmtpReply mail(String sender, long sizeHint, ClientFacts facts) {
        if (client != null && clock.getAsLong() - lastUsed > target.maxIdle().toNanos()) {
            drop(); // idle past submission_relay_max_idle_time: the relay may have given up on it
        }
        boolean reused = client != null;
        try {
            if (client == null) {
                client = SmtpClient.connect(target.connection(), target.trusted() ? xclient(facts) : Map.of());
            }
            SmtpReply reply = client.mail(sender, sizeHint > 0 ? sizeHint : -1);
            touch();
            inTransaction = reply.positive();
            return reply;
        } catch (SmtpProtocolException e) {
            log.error("Relay server " + where() + ": " + e.getMessage());
            drop();
            return RELAY_REFUSED_SESSION;
        } catch (IOException | RuntimeException e) {
            drop();
            if (reused) {
                return mail(sender, sizeHint, facts); // the kept connection had died; one fresh attempt
            }
            log.error("Failed to connect to relay server " + where() + ": " + e.getMessage());
            return CONNECT_FAILED;
        }
    }

    @Override
    public SmtpReply rcpt(String recipient) {
        if (client == null) {
            return LOST;
        }
        try {
            SmtpReply reply = client.rcpt(recipient);
            touch();
            return reply;
        } catch (IOException e) {
            return lost(e);
        }
    }

    @Override
    public SmtpReply data(DeliveryMessage message, ClientFacts facts) {
        if (client == null) {
            return LOST;
        }
        try (InputStream in = message.open()) {
            SmtpReply reply = client.data(in);
            touch();
            inTransaction = false;
            return reply;
        } catch (IOException e) {
            return lost(e);
        }
    }

    @Override
    public void reset() {
        if (client == null || !inTransaction) {
            return;
        }
        inTransaction = false;
        try {
            SmtpReply reply = client.rset();
            touch();
            if (!reply.positive()) {
                drop();
            }
        } catch (IOException e) {
            drop();
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.quit();
            client = null;
        }
    }

    /** Whether a relay connection is open (tests). */
    boolean connected() {
        return client != null;
    }

    private SmtpReply lost(IOException e) {
        log.error("Lost connection to relay server " + where() + ": " + e.getMessage());
        drop();
        return LOST;
    }

    private void touch() {
        lastUsed = clock.getAsLong();
    }

    private void drop() {
        inTransaction = false;
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private String where() {
        return target.connection().host() + ":" + target.connection().port();
    }

    /** Postfix's XCLIENT attributes for the real client (Postfix ignores those it does not offer). */
    static Map<String, String> xclient(ClientFacts facts) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (!facts.remoteIp().isEmpty() && !facts.remoteIp().equals("local")) {
            attributes.put("ADDR", facts.remoteIp().contains(":") ? "IPv6:" + facts.remoteIp() : facts.remoteIp());
            attributes.put("PORT", Integer.toString(facts.remotePort()));
        }
        attributes.put("NAME", "[UNAVAILABLE]");
        if (!facts.heloName().isEmpty()) {
            attributes.put("HELO", facts.heloName());
        }
        attributes.put("LOGIN", facts.user());
        attributes.put("PROTO", "ESMTP");
        return attributes;
    }

    /** The idle limit, for log lines and tests. */
    Duration maxIdle() {
        return target.maxIdle();
    }
}
