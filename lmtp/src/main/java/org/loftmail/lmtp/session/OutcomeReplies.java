package org.loftmail.lmtp.session;

import org.loftmail.smtp.codec.SmtpReply;
import org.loftmail.lmtp.delivery.DeliveryOutcome;
import org.loftmail.core.delivery.DeliveryRecipient;
import org.loftmail.lmtp.delivery.RecipientCheck;

/** The LMTP reply for each recipient verdict and delivery outcome, worded as Dovecot 2.3 words them. */
public final class OutcomeReplies {

    private OutcomeReplies() {}

    public static SmtpReply reply(DeliveryRecipient recipient, DeliveryOutcome outcome, String sessionId,
            String quotaText) {
        String who = "<" + recipient.address().address() + ">";
        return switch (outcome) {
            case DeliveryOutcome.Delivered d -> SmtpReply.of(250, "2.0.0", who + " " + sessionId + " Saved");
            case DeliveryOutcome.Discarded d -> SmtpReply.of(250, "2.0.0", who + " " + sessionId + " Saved");
            case DeliveryOutcome.Rejected r -> SmtpReply.of(550, "5.7.1", who + " " + r.reason());
            case DeliveryOutcome.OverQuota q -> q.temporary()
                    ? SmtpReply.of(452, "4.2.2", who + " " + quotaText)
                    : SmtpReply.of(552, "5.2.2", who + " " + quotaText);
            case DeliveryOutcome.TemporaryFailure t -> SmtpReply.of(451, "4.3.0", who + " Temporary internal error");
            case DeliveryOutcome.PermanentFailure p -> SmtpReply.of(p.enhanced().equals("5.3.4") ? 552 : 554,
                    p.enhanced(), who + " " + p.reason());
        };
    }

    /** The RCPT reply. */
    public static SmtpReply reply(RecipientCheck check, String quotaText) {
        return switch (check) {
            case RecipientCheck.Accepted a -> SmtpReply.OK_RCPT;
            case RecipientCheck.UnknownUser u -> SmtpReply.of(550, "5.1.1", "<" + u.address() + "> User doesn't exist");
            case RecipientCheck.OverQuota q -> q.temporary()
                    ? SmtpReply.of(452, "4.2.2", "<" + q.address() + "> " + quotaText)
                    : SmtpReply.of(552, "5.2.2", "<" + q.address() + "> " + quotaText);
            case RecipientCheck.TemporaryFailure t ->
                    SmtpReply.of(451, "4.3.0", "<" + t.address() + "> Temporary internal error");
        };
    }
}
