package org.loftmail.smtp.server.command;

import org.loftmail.smtp.codec.SmtpReply;
import org.loftmail.smtp.server.ServerCommand;
import org.loftmail.smtp.server.ServerContext;

/** RFC 5321 section 4.1.1.5 RSET: drop the transaction (and any BDAT data), keep the hello. */
public final class RsetCommand implements ServerCommand<ServerContext<?>> {

    @Override
    public void execute(ServerContext<?> context, String arguments) {
        context.transaction().reset();
        context.reply(SmtpReply.OK);
    }
}
