package org.loftmail.managesieve.command;

import java.util.Optional;
import org.loftmail.managesieve.ManageSieveCommand;
import org.loftmail.managesieve.ManageSieveContext;
import org.loftmail.managesieve.codec.Arguments;
import org.loftmail.sieve.store.SieveStoreException;

/** DELETESCRIPT name (RFC 5804 section 2.10): the active script cannot be deleted ({@code NO (ACTIVE)}). */
public final class DeleteScriptCommand implements ManageSieveCommand {

    @Override
    public void execute(ManageSieveContext ctx, Arguments args) {
        if (!ArgCheck.count(ctx, args, 1)) return;
        Optional<String> name = ArgCheck.scriptName(ctx, args, 0, "Invalid script name", "Failed to delete script `%s'");
        if (name.isEmpty()) return;
        try {
            ctx.store().delete(name.get());
        } catch (SieveStoreException e) {
            StoreAnswers.answer(ctx, e, "Failed to delete script `" + name.get() + "'", name.get());
            return;
        }
        ctx.writer().ok("Deletescript completed.");
    }
}
