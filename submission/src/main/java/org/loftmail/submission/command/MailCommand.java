package org.loftmail.submission.command;

import org.loftmail.smtp.codec.SmtpReply;
import org.loftmail.smtp.codec.SyntaxException;
import org.loftmail.smtp.server.ServerCommand;
import org.loftmail.smtp.server.ServerTransaction;

/**
 * RFC 5321 section 4.1.1.2 / RFC 6409 section 4.3 MAIL: the shared parser (SIZE, BODY), then the sender check
 * (RFC 6409 section 6.1: the server may refuse a sender the authenticated user does not own, 553 5.7.1), then the
 * relay's own answer, which is what the client hears.
 */
final class MailCommand implements ServerCommand<SubmissionContext> {

    @Override
    public void execute(SubmissionContext context, String arguments) {
        ServerTransaction<String> transaction = context.transaction();
        SmtpReply parsed;
        try {
            parsed = transaction.mail(PathWorkarounds.apply(arguments, "FROM:", context.settings()));
        } catch (SyntaxException e) {
            context.reply(e.reply());
            return;
        }
        if (!parsed.positive()) {
            context.reply(parsed);
            return;
        }
        String sender = transaction.sender();
        if (!context.senderPolicy().allows(sender)) {
            transaction.reset();
            context.reply(SubmissionReplies.NOT_YOUR_ADDRESS);
            return;
        }
        SmtpReply relayed = context.outbound().mail(sender, transaction.sizeHint(), context.clientFacts());
        if (!relayed.positive()) {
            transaction.reset();
        }
        context.reply(relayed);
    }
}
