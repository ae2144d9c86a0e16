package org.loftmail.lmtp.command;

import org.loftmail.core.delivery.DeliveryRecipient;
import org.loftmail.lmtp.delivery.RecipientCheck;
import org.loftmail.lmtp.session.OutcomeReplies;
import org.loftmail.smtp.server.RecipientRequest;
import org.loftmail.smtp.server.ServerCommand;
import org.loftmail.smtp.server.ServerTransaction;
import org.loftmail.smtp.codec.SyntaxException;

/**
 * RFC 2033 section 4.2 / RFC 5321 section 4.1.1.3 {@code RCPT TO:<forward-path> [ORCPT=rfc822;addr]}: the
 * recipient is looked up at once, so an unknown user hears 550 5.1.1 now, not after DATA. As in Dovecot's LMTP the
 * domain is optional: {@code RCPT TO:<jsmith>} asks the userdb for jsmith.
 */
final class RcptCommand implements ServerCommand<LmtpContext> {

    @Override
    public void execute(LmtpContext context, String arguments) {
        ServerTransaction<DeliveryRecipient> transaction = context.transaction();
        RecipientRequest request;
        try {
            request = transaction.rcpt(arguments, true);
        } catch (SyntaxException e) {
            context.reply(e.reply());
            return;
        }
        RecipientCheck check = context.delivery().check(request.address(), request.originalRecipient(),
                transaction.sizeHint());
        if (check instanceof RecipientCheck.Accepted accepted) {
            transaction.addRecipient(accepted.recipient());
        }
        context.reply(OutcomeReplies.reply(check, context.delivery().settings().quotaExceededMessage()));
    }
}
