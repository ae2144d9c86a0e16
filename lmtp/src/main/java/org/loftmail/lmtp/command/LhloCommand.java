package org.loftmail.lmtp.command;

import java.util.ArrayList;
import java.util.List;
import org.loftmail.smtp.codec.SmtpReply;
import org.loftmail.smtp.server.Extensions;
import org.loftmail.smtp.server.ServerCommand;

/** RFC 2033 section 4.1: LHLO names the client and gets the extension list. A new LHLO resets the transaction. */
final class LhloCommand implements ServerCommand<LmtpContext> {

    @Override
    public void execute(LmtpContext context, String arguments) {
        String name = arguments.trim();
        if (name.isEmpty() || name.contains(" ") || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            context.reply(SmtpReply.of(501, "5.5.4", "Invalid domain name"));
            return;
        }
        context.transaction().hello(name);
        List<String> lines = new ArrayList<>();
        lines.add(context.settings().hostname());
        lines.addAll(Extensions.lines(context.transaction().limits(), context.connection().canStartTls()));
        context.reply(new SmtpReply(250, "", lines));
    }
}
