package org.loftmail.managesieve.command;

import org.loftmail.managesieve.ManageSieveCommand;
import org.loftmail.managesieve.ManageSieveContext;
import org.loftmail.managesieve.codec.Arguments;
import org.loftmail.sieve.store.ScriptInfo;
import org.loftmail.sieve.store.SieveStoreException;

/** LISTSCRIPTS (RFC 5804 section 2.7): one line per script, {@code ACTIVE} after the active one. */
public final class ListScriptsCommand implements ManageSieveCommand {

    @Override
    public void execute(ManageSieveContext ctx, Arguments args) {
        if (!ArgCheck.count(ctx, args, 0)) return;
        try {
            for (ScriptInfo s : ctx.store().list()) ctx.writer().scriptLine(s.name(), s.active());
        } catch (SieveStoreException e) {
            StoreAnswers.answer(ctx, e, "Failed to list scripts", "");
            return;
        }
        ctx.writer().ok("Listscripts completed.");
    }
}
