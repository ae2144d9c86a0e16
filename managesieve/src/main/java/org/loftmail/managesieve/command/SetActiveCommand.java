package org.loftmail.managesieve.command;

import java.util.Optional;
import org.loftmail.core.log.MailLog;
import org.loftmail.managesieve.ManageSieveCommand;
import org.loftmail.managesieve.ManageSieveContext;
import org.loftmail.managesieve.codec.Arguments;
import org.loftmail.sieve.store.ScriptFile;
import org.loftmail.sieve.store.SieveStoreException;

/**
 * SETACTIVE name (RFC 5804 section 2.8): activates a script after compiling it (a script that no longer compiles
 * is not activated, as in Pigeonhole); the empty name deactivates.
 */
public final class SetActiveCommand implements ManageSieveCommand {

    @Override
    public void execute(ManageSieveContext ctx, Arguments args) {
        if (!ArgCheck.count(ctx, args, 1)) return;
        if (args.bytes(0).isPresent() && args.bytes(0).get().length == 0) {
            try {
                boolean was = ctx.store().deactivate();
                ctx.writer().ok(was ? "Active script is now deactivated." : "No scripts currently active.");
            } catch (SieveStoreException e) {
                StoreAnswers.answer(ctx, e, "Failed to deactivate script", "");
            }
            return;
        }
        Optional<String> name = ArgCheck.scriptName(ctx, args, 0, "Invalid script name", "Failed to activate script `%s'");
        if (name.isEmpty()) return;
        try {
            ScriptFile script = ctx.store().read(name.get());
            if (!ScriptCheck.compiles(ctx, script.content(), Optional.of(name.get()))) return;
            if (ctx.store().activeName().filter(name.get()::equals).isPresent()) {
                ctx.writer().ok("Script is already active.");
                return;
            }
            ctx.store().activate(name.get());
        } catch (SieveStoreException e) {
            StoreAnswers.answer(ctx, e, e.reason() == SieveStoreException.Reason.NOT_FOUND
                    ? "Failed to open script `" + name.get() + "' for activation"
                    : "Failed to activate script `" + name.get() + "'", name.get());
            return;
        }
        if (ctx.log().isDebugEnabled()) ctx.log().debug("Activated script `" + MailLog.sanitize(name.get()) + "'");
        ctx.writer().ok("Setactive completed.");
    }
}
