package org.loftmail.managesieve.command;

import org.loftmail.managesieve.ManageSieveCommand;
import org.loftmail.managesieve.ManageSieveContext;
import org.loftmail.managesieve.codec.Arguments;

/** NOOP [tag] (RFC 5804 section 2.13): with a tag, {@code OK (TAG "tag") "Done"}. */
public final class NoopCommand implements ManageSieveCommand {

    @Override
    public void execute(ManageSieveContext ctx, Arguments args) {
        if (args.size() > 1) {
            ctx.commandError("Too many arguments.");
            return;
        }
        if (args.size() == 0) {
            ctx.writer().ok("NOOP Completed");
            return;
        }
        if (args.bytes(0).isEmpty()) {
            ctx.writer().no("Invalid echo tag.");
            return;
        }
        ctx.writer().okWithCodeString("TAG", args.bytes(0).get(), "Done");
    }
}
