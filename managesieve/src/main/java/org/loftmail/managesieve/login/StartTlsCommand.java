package org.loftmail.managesieve.login;

import org.loftmail.managesieve.ManageSieveCommand;
import org.loftmail.managesieve.ManageSieveContext;
import org.loftmail.managesieve.codec.Arguments;

/**
 * STARTTLS (RFC 5804 section 2.2): OK, the handshake, and then the capabilities again (the session sends them once
 * the handshake is done, see {@code ManageSieveSession#tlsStarted}).
 */
public final class StartTlsCommand implements ManageSieveCommand {

    @Override
    public void execute(ManageSieveContext ctx, Arguments args) {
        if (args.size() != 0) {
            ctx.commandError("Too many arguments.");
            return;
        }
        if (ctx.connection().isSecure()) {
            ctx.writer().no("TLS is already active.");
            return;
        }
        if (!ctx.connection().canStartTls()) {
            ctx.writer().no("TLS support isn't enabled.");
            return;
        }
        ctx.writer().ok("Begin TLS negotiation now.");
        ctx.connection().startTls();
        ctx.startedTls();
    }
}
