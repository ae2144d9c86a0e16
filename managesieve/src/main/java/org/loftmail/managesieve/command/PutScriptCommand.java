package org.loftmail.managesieve.command;

import java.util.Optional;
import org.loftmail.core.log.MailLog;
import org.loftmail.managesieve.ManageSieveCommand;
import org.loftmail.managesieve.ManageSieveContext;
import org.loftmail.managesieve.codec.Arguments;
import org.loftmail.sieve.store.SieveStoreException;

/**
 * PUTSCRIPT name script (RFC 5804 section 2.6) and CHECKSCRIPT script (section 2.12): the name and quota are
 * checked, the script compiled with the engine's compiler (errors come back as Pigeonhole reports them), and
 * PUTSCRIPT then stores it durably; an active script stays active with its new content.
 */
public final class PutScriptCommand implements ManageSieveCommand {

    private final boolean store;

    private PutScriptCommand(boolean store) {
        this.store = store;
    }

    public static PutScriptCommand put() {
        return new PutScriptCommand(true);
    }

    public static PutScriptCommand check() {
        return new PutScriptCommand(false);
    }

    @Override
    public void execute(ManageSieveContext ctx, Arguments args) {
        if (args.size() != (store ? 2 : 1)) {
            ctx.commandError("Invalid arguments.");
            return;
        }
        Optional<String> name = Optional.empty();
        if (store) {
            name = ArgCheck.scriptName(ctx, args, 0, "Invalid Sieve script name", "Failed to store script `%s'");
            if (name.isEmpty()) return;
        }
        Optional<byte[]> script = args.bytes(store ? 1 : 0);
        if (script.isEmpty()) {
            ctx.commandError("Invalid arguments.");
            return;
        }
        byte[] content = script.get();
        try {
            if (store) {
                ctx.store().checkSpace(name.get(), content.length);
            } else {
                long max = ctx.store().settings().maxScriptSize();
                if (max > 0 && content.length > max) {
                    ctx.writer().no("QUOTA/MAXSIZE", "Script is too large (max " + max + " bytes).");
                    return;
                }
            }
        } catch (SieveStoreException e) {
            StoreAnswers.answer(ctx, e, "Quota check failed for script `" + name.orElse("") + "'", name.orElse(""));
            return;
        }
        if (!ScriptCheck.compiles(ctx, content, name)) return;
        if (!store) {
            ctx.writer().ok("Script checked successfully.");
            return;
        }
        try {
            ctx.store().put(name.get(), content);
        } catch (SieveStoreException e) {
            StoreAnswers.answer(ctx, e, "Failed to store script `" + name.get() + "'", name.get());
            return;
        }
        if (ctx.log().isDebugEnabled()) {
            ctx.log().debug("Stored script `" + MailLog.sanitize(name.get()) + "' successfully (0 warnings)");
        }
        ctx.writer().ok("PUTSCRIPT completed.");
    }
}
