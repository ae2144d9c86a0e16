package org.loftmail.lmtp.command;

import java.util.Map;
import org.loftmail.lmtp.codec.LmtpReply;
import org.loftmail.lmtp.codec.PathArgument;
import org.loftmail.lmtp.codec.SyntaxException;
import org.loftmail.lmtp.delivery.RecipientCheck;
import org.loftmail.lmtp.session.LmtpSession;
import org.loftmail.lmtp.session.OutcomeReplies;

/**
 * RFC 2033 section 4.2 / RFC 5321 section 4.1.1.3 {@code RCPT TO:<forward-path> [ORCPT=rfc822;addr]}: the
 * recipient is looked up at once, so an unknown user hears 550 5.1.1 now, not after DATA. As in Dovecot's LMTP the
 * domain is optional: {@code RCPT TO:<jsmith>} asks the userdb for jsmith.
 */
final class RcptCommand implements LmtpCommand {

    @Override
    public void execute(LmtpSession session, String arguments) {
        PathArgument path;
        try {
            path = PathArgument.parse(arguments, "TO:", false, true);
        } catch (SyntaxException e) {
            session.reply(e.reply());
            return;
        }
        String original = null;
        for (Map.Entry<String, String> param : path.params().entrySet()) {
            switch (param.getKey()) {
                case "ORCPT" -> {
                    original = Orcpt.decode(param.getValue());
                    if (original == null) {
                        session.reply(LmtpReply.of(501, "5.5.4", "Invalid ORCPT parameter"));
                        return;
                    }
                }
                case "NOTIFY" -> {
                    // RFC 3461: accepted for MTAs that send DSN parameters anyway; Loft sends no DSNs.
                }
                default -> {
                    session.reply(LmtpReply.of(555, "5.5.4", "Unsupported parameter: " + param.getKey()));
                    return;
                }
            }
        }
        if (session.transaction().recipients().size() >= session.settings().maxRecipients()) {
            session.reply(LmtpReply.TOO_MANY_RECIPIENTS);
            return;
        }
        RecipientCheck check = session.delivery().check(path.address(), original, session.transaction().sizeHint());
        if (check instanceof RecipientCheck.Accepted accepted) {
            session.transaction().addRecipient(accepted.recipient());
        }
        session.reply(OutcomeReplies.reply(check, session.delivery().settings().quotaExceededMessage()));
    }
}
