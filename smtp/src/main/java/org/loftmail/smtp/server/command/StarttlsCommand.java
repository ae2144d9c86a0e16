package org.loftmail.smtp.server.command;

import org.loftmail.smtp.codec.ReplyWriter;
import org.loftmail.smtp.codec.SmtpReply;
import org.loftmail.smtp.server.ServerCommand;
import org.loftmail.smtp.server.ServerContext;

/**
 * RFC 3207 STARTTLS, on listeners with a TLS context. The client must say hello again afterwards; plaintext it
 * pipelined after the command is dropped by the transport, never run as if it had come over TLS.
 */
public final class StarttlsCommand implements ServerCommand<ServerContext<?>> {

    @Override
    public void execute(ServerContext<?> context, String arguments) {
        if (context.connection().isSecure()) {
            context.reply(SmtpReply.TLS_ACTIVE);
            return;
        }
        if (!context.connection().canStartTls()) {
            context.reply(SmtpReply.TLS_UNAVAILABLE);
            return;
        }
        context.transaction().resetForTls();
        context.connection().write(ReplyWriter.encode(SmtpReply.START_TLS));
        context.connection().startTls();
    }
}
