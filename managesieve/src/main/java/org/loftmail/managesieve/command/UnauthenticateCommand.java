package org.loftmail.managesieve.command;

import org.loftmail.managesieve.ManageSieveCommand;
import org.loftmail.managesieve.ManageSieveContext;
import org.loftmail.managesieve.codec.Arguments;

/** UNAUTHENTICATE (RFC 5804 section 2.14.1): OK, and the session is back in the non-authenticated state. */
public final class UnauthenticateCommand implements ManageSieveCommand {

    @Override
    public void execute(ManageSieveContext ctx, Arguments args) {
        if (!ArgCheck.count(ctx, args, 0)) return;
        ctx.unauthenticate();
        ctx.writer().ok("Unauthenticate completed.");
    }
}
