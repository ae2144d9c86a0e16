package org.loftmail.smtp.server.command;

import org.loftmail.smtp.server.ServerCommand;
import org.loftmail.smtp.server.ServerContext;

/** RFC 5321 section 4.1.1.2 MAIL, with SIZE (RFC 1870) and BODY (RFC 6152): see {@code ServerTransaction.mail}. */
public final class MailCommand implements ServerCommand<ServerContext<?>> {

    @Override
    public void execute(ServerContext<?> context, String arguments) {
        context.reply(context.transaction().mail(arguments));
    }
}
