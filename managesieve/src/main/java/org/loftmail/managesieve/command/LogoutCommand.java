package org.loftmail.managesieve.command;

import org.loftmail.managesieve.ManageSieveCommand;
import org.loftmail.managesieve.ManageSieveContext;
import org.loftmail.managesieve.codec.Arguments;

/** LOGOUT (RFC 5804 section 2.3): OK, then the server closes. */
public final class LogoutCommand implements ManageSieveCommand {

    @Override
    public void execute(ManageSieveContext ctx, Arguments args) {
        if (!ArgCheck.count(ctx, args, 0)) return;
        ctx.writer().ok("Logout completed.");
        ctx.logout();
    }
}
