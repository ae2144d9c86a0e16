package org.loftmail.lmtp.command;

import java.util.Locale;
import java.util.Map;
import org.loftmail.lmtp.codec.LmtpReply;
import org.loftmail.lmtp.codec.PathArgument;
import org.loftmail.lmtp.codec.SyntaxException;
import org.loftmail.lmtp.session.LmtpSession;

/**
 * RFC 5321 section 4.1.1.2 {@code MAIL FROM:<reverse-path> [SIZE=n] [BODY=7BIT|8BITMIME]} (RFC 1870, RFC 6152).
 */
final class MailCommand implements LmtpCommand {

    @Override
    public void execute(LmtpSession session, String arguments) {
        PathArgument path;
        try {
            path = PathArgument.parse(arguments, "FROM:", true);
        } catch (SyntaxException e) {
            session.reply(e.reply());
            return;
        }
        long size = 0;
        for (Map.Entry<String, String> param : path.params().entrySet()) {
            switch (param.getKey()) {
                case "SIZE" -> {
                    if (!param.getValue().matches("\\d{1,18}")) {
                        session.reply(LmtpReply.of(501, "5.5.4", "Invalid SIZE parameter"));
                        return;
                    }
                    size = Long.parseLong(param.getValue());
                }
                case "BODY" -> {
                    String body = param.getValue().toUpperCase(Locale.ROOT);
                    if (!body.equals("7BIT") && !body.equals("8BITMIME")) {
                        session.reply(LmtpReply.of(501, "5.5.4", "Unsupported BODY parameter"));
                        return;
                    }
                }
                default -> {
                    session.reply(LmtpReply.of(555, "5.5.4", "Unsupported parameter: " + param.getKey()));
                    return;
                }
            }
        }
        long max = session.delivery().settings().maxMessageSize();
        if (max > 0 && size > max) {
            session.reply(LmtpReply.TOO_BIG);
            return;
        }
        session.beginTransaction(path.address(), size);
        session.reply(LmtpReply.OK_MAIL);
    }
}
