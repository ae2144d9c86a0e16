package org.loftmail.submission.command;

import org.loftmail.smtp.codec.SmtpReply;
import org.loftmail.smtp.codec.SyntaxException;
import org.loftmail.smtp.server.RecipientRequest;
import org.loftmail.smtp.server.ServerCommand;
import org.loftmail.smtp.server.ServerTransaction;

/**
 * RFC 5321 section 4.1.1.3 RCPT: the syntax and submission_max_recipients here, then the recipient goes to the
 * relay (or the local delivery's check) at once, and its reply, 2xx, 4xx or 5xx, is the client's for that
 * recipient.
 */
final class RcptCommand implements ServerCommand<SubmissionContext> {

    @Override
    public void execute(SubmissionContext context, String arguments) {
        ServerTransaction<String> transaction = context.transaction();
        RecipientRequest request;
        try {
            request = transaction.rcpt(PathWorkarounds.apply(arguments, "TO:", context.settings()), false);
        } catch (SyntaxException e) {
            context.reply(e.reply());
            return;
        }
        SmtpReply reply = context.outbound().rcpt(request.address());
        if (reply.positive()) {
            transaction.addRecipient(request.address());
        }
        context.reply(reply);
    }
}
