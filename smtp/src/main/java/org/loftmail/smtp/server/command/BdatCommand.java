package org.loftmail.smtp.server.command;

import org.loftmail.smtp.server.BdatStart;
import org.loftmail.smtp.server.ServerCommand;
import org.loftmail.smtp.server.ServerContext;
import org.loftmail.smtp.codec.SmtpReply;

/**
 * RFC 3030 {@code BDAT <size> [LAST]}: the chunk's bytes are read raw, even when the command fails (the reply comes
 * after them). A size that cannot be parsed leaves no way to find the next command and closes the connection.
 */
public final class BdatCommand implements ServerCommand<ServerContext<?>> {

    private final SmtpReply helloFirst;

    /** {@code helloFirst}: the dialect's reply to BDAT before its hello. */
    public BdatCommand(SmtpReply helloFirst) {
        this.helloFirst = helloFirst;
    }

    @Override
    public void execute(ServerContext<?> context, String arguments) {
        switch (context.transaction().bdat(arguments, helloFirst)) {
            case BdatStart.Read read -> context.connection().readRaw(read.size());
            case BdatStart.Unreadable unreadable -> {
                context.reply(unreadable.reply());
                context.connection().close();
            }
        }
    }
}
