package org.loftmail.submission.relay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.loftmail.core.delivery.DeliveryMessage;
import org.loftmail.core.delivery.DeliveryRecipient;
import org.loftmail.core.delivery.Envelope;
import org.loftmail.smtp.codec.SmtpReply;

/**
 * Without a relay ({@code submission_relay_host} empty, as in the {@code ./loft} demo): mail to the server's own
 * users goes through the delivery path into their INBOX (Sieve included); any other address is refused at RCPT with
 * a message saying why. SMTP answers the data once for all recipients, so the answer is positive only when every
 * copy was saved; when some were saved and another failed temporarily the client hears 451 and will send again
 * (a duplicate for the first is better than a loss for the other).
 */
public final class LocalOutbound implements Outbound {

    private final LocalDelivery delivery;
    private final String hostname;
    private final List<DeliveryRecipient> recipients = new ArrayList<>();
    private String sender = "";
    private long sizeHint;

    public LocalOutbound(LocalDelivery delivery, String hostname) {
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.hostname = Objects.requireNonNull(hostname, "hostname");
    }

    @Override
    public SmtpReply mail(String sender, long sizeHint, ClientFacts client) {
        reset();
        this.sender = sender;
        this.sizeHint = sizeHint;
        return SmtpReply.OK_MAIL;
    }

    @Override
    public SmtpReply rcpt(String recipient) {
        LocalDelivery.Verdict verdict = delivery.check(recipient, sizeHint);
        if (verdict.reply().code() == 550 && verdict.reply().enhanced().equals("5.1.1")) {
            return SmtpReply.of(550, "5.7.1", "<" + recipient + "> is not a local user, and this server relays"
                    + " no mail to other hosts (no submission_relay_host is configured)");
        }
        if (verdict.reply().positive()) {
            recipients.add(verdict.recipient());
        }
        return verdict.reply();
    }

    @Override
    public SmtpReply data(DeliveryMessage message, ClientFacts client) {
        Envelope envelope = new Envelope(sender, client.heloName(), client.remoteIp(), hostname, client.sessionId(),
                "submission", client.secured(), Instant.now());
        List<SmtpReply> replies = delivery.deliver(envelope, message, List.copyOf(recipients));
        recipients.clear();
        return combine(replies, client.sessionId());
    }

    /** One SMTP reply for the per-recipient outcomes. */
    static SmtpReply combine(List<SmtpReply> replies, String id) {
        SmtpReply temporary = null;
        SmtpReply permanent = null;
        int saved = 0;
        for (SmtpReply r : replies) {
            if (r.positive()) {
                saved++;
            } else if (r.temporary()) {
                temporary = temporary == null ? r : temporary;
            } else {
                permanent = permanent == null ? r : permanent;
            }
        }
        if (temporary != null) {
            return temporary;
        }
        if (saved == 0 && permanent != null) {
            return permanent;
        }
        if (permanent != null) {
            // Saved for some, refused for good for another: the refusal cannot be undone by a retry, so the
            // transaction is done; the reply's text names the refused recipient (the log has it too).
            return new SmtpReply(250, "2.0.0", List.of(id + " Message delivered to " + saved + " of "
                    + replies.size() + " recipients; refused: " + permanent.summary()));
        }
        return SmtpReply.of(250, "2.0.0", id + " Message delivered");
    }

    @Override
    public void reset() {
        recipients.clear();
        sender = "";
        sizeHint = 0;
    }

    @Override
    public void close() {
        reset();
    }
}
