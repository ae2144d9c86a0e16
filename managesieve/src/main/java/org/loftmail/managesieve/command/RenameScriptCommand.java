package org.loftmail.managesieve.command;

import java.util.Optional;
import org.loftmail.managesieve.ManageSieveCommand;
import org.loftmail.managesieve.ManageSieveContext;
import org.loftmail.managesieve.codec.Arguments;
import org.loftmail.sieve.store.SieveStoreException;

/** RENAMESCRIPT old new (RFC 5804 section 2.11): an active script stays active under its new name. */
public final class RenameScriptCommand implements ManageSieveCommand {

    @Override
    public void execute(ManageSieveContext ctx, Arguments args) {
        if (!ArgCheck.count(ctx, args, 2)) return;
        Optional<String> from = ArgCheck.scriptName(ctx, args, 0, "Invalid script name", "Failed to rename script `%s'");
        if (from.isEmpty()) return;
        Optional<String> to = ArgCheck.scriptName(ctx, args, 1, "Invalid new Sieve script name",
                "Failed to rename script `" + ArgCheck.shown(from.get()) + "' to `%s'");
        if (to.isEmpty()) return;
        try {
            ctx.store().rename(from.get(), to.get());
        } catch (SieveStoreException e) {
            StoreAnswers.answer(ctx, e, (e.reason() == SieveStoreException.Reason.NOT_FOUND
                    ? "Failed to open script `" + from.get() + "' for rename to `"
                    : "Failed to rename script `" + from.get() + "' to `") + to.get() + "'", from.get());
            return;
        }
        ctx.writer().ok("Renamescript completed.");
    }
}
