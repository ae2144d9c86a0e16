package org.loftmail.managesieve.command;

import java.util.Optional;
import org.loftmail.managesieve.ManageSieveCommand;
import org.loftmail.managesieve.ManageSieveContext;
import org.loftmail.managesieve.codec.Arguments;
import org.loftmail.sieve.store.SieveStoreException;

/** HAVESPACE name size (RFC 5804 section 2.5): whether PUTSCRIPT of that size would pass the quota. */
public final class HaveSpaceCommand implements ManageSieveCommand {

    @Override
    public void execute(ManageSieveContext ctx, Arguments args) {
        if (!ArgCheck.count(ctx, args, 2)) return;
        Optional<String> name = ArgCheck.scriptName(ctx, args, 0, null);
        if (name.isEmpty()) return;
        Optional<Long> size = args.number(1);
        if (size.isEmpty()) {
            ctx.writer().no("Invalid scriptsize argument.");
            return;
        }
        try {
            ctx.store().checkSpace(name.get(), size.get());
        } catch (SieveStoreException e) {
            StoreAnswers.answer(ctx, e, "Failed to check quota for script `" + name.get() + "'", name.get());
            return;
        }
        ctx.writer().ok("Putscript would succeed.");
    }
}
