package org.loftmail.smtp.server.command;

import org.loftmail.smtp.server.ServerCommand;
import org.loftmail.smtp.server.ServerContext;

/**
 * RFC 5321 section 4.1.1.4 DATA: 354, then lines until {@code <CRLF>.<CRLF>}. What is answered after the dot is the
 * dialect's (one reply for SMTP, one per recipient for LMTP).
 */
public final class DataCommand implements ServerCommand<ServerContext<?>> {

    @Override
    public void execute(ServerContext<?> context, String arguments) {
        context.reply(context.transaction().data(arguments));
    }
}
