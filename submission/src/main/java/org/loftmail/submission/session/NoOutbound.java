package org.loftmail.submission.session;

import org.loftmail.core.delivery.DeliveryMessage;
import org.loftmail.smtp.codec.SmtpReply;
import org.loftmail.submission.command.SubmissionReplies;
import org.loftmail.submission.relay.ClientFacts;
import org.loftmail.submission.relay.Outbound;

/** Before login: no mail goes anywhere (the session refuses MAIL first; this is the second fence). */
enum NoOutbound implements Outbound {
    INSTANCE;

    @Override
    public SmtpReply mail(String sender, long sizeHint, ClientFacts client) {
        return SubmissionReplies.AUTH_REQUIRED;
    }

    @Override
    public SmtpReply rcpt(String recipient) {
        return SubmissionReplies.AUTH_REQUIRED;
    }

    @Override
    public SmtpReply data(DeliveryMessage message, ClientFacts client) {
        return SubmissionReplies.AUTH_REQUIRED;
    }

    @Override
    public void reset() {}

    @Override
    public void close() {}
}
