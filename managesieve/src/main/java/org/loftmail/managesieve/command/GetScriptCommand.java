package org.loftmail.managesieve.command;

import java.util.Optional;
import org.loftmail.managesieve.ManageSieveCommand;
import org.loftmail.managesieve.ManageSieveContext;
import org.loftmail.managesieve.codec.Arguments;
import org.loftmail.sieve.store.ScriptFile;
import org.loftmail.sieve.store.SieveStoreException;

/** GETSCRIPT name (RFC 5804 section 2.9): the script as a literal, then OK. */
public final class GetScriptCommand implements ManageSieveCommand {

    @Override
    public void execute(ManageSieveContext ctx, Arguments args) {
        if (!ArgCheck.count(ctx, args, 1)) return;
        Optional<String> name = ArgCheck.scriptName(ctx, args, 0, "Invalid script name", "Failed to retrieve script `%s'");
        if (name.isEmpty()) return;
        ScriptFile script;
        try {
            script = ctx.store().read(name.get());
        } catch (SieveStoreException e) {
            StoreAnswers.answer(ctx, e, "Failed to retrieve script `" + name.get() + "'", name.get());
            return;
        }
        ctx.writer().stringLine(script.content(), true);
        ctx.writer().ok("Getscript completed.");
    }
}
