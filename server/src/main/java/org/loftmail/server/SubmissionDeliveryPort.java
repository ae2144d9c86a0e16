package org.loftmail.server;

import java.util.ArrayList;
import java.util.List;
import org.loftmail.core.delivery.DeliveryMessage;
import org.loftmail.core.delivery.DeliveryRecipient;
import org.loftmail.core.delivery.Envelope;
import org.loftmail.lmtp.delivery.MailDelivery;
import org.loftmail.lmtp.delivery.RecipientCheck;
import org.loftmail.lmtp.session.OutcomeReplies;
import org.loftmail.smtp.codec.SmtpReply;
import org.loftmail.submission.relay.LocalDelivery;

/**
 * Submission's local delivery (no relay configured) over LMTP's delivery path: the same userdb check, quota,
 * filter and storage as LMTP, with LMTP's replies. Lives in the server so that submission never depends on lmtp.
 */
final class SubmissionDeliveryPort implements LocalDelivery {

    private final MailDelivery delivery;

    SubmissionDeliveryPort(MailDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public Verdict check(String address, long sizeHint) {
        RecipientCheck check = delivery.check(address, null, sizeHint);
        SmtpReply reply = OutcomeReplies.reply(check, delivery.settings().quotaExceededMessage());
        return new Verdict(reply, check instanceof RecipientCheck.Accepted a ? a.recipient() : null);
    }

    @Override
    public List<SmtpReply> deliver(Envelope envelope, DeliveryMessage message, List<DeliveryRecipient> recipients) {
        List<SmtpReply> replies = new ArrayList<>(recipients.size());
        boolean single = recipients.size() == 1;
        for (DeliveryRecipient r : recipients) {
            replies.add(OutcomeReplies.reply(r, delivery.deliver(envelope, message, r, null, single),
                    envelope.sessionId(), delivery.settings().quotaExceededMessage()));
        }
        return replies;
    }
}
