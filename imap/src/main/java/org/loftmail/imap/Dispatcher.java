package org.loftmail.imap;

import java.util.Locale;
import org.loftmail.core.work.WorkBudget;
import java.util.Optional;
import org.loftmail.imap.codec.ArgumentReader;
import org.loftmail.imap.codec.CommandInput;
import org.loftmail.imap.codec.ImapSyntaxException;
import org.loftmail.imap.codec.ResponseWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads tag and name, looks the command up, enforces its states, runs it, and finishes it: the sync point's
 * untagged updates, then the tagged response. Syntax errors become BAD with the codec's fixed text.
 */
final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger("imap");

    private Dispatcher() {}

    /**
     * What a command's first words name: its row in the {@link CommandTable} and the name as error texts show it
     * ({@code UID FETCH}), or the refusal when there is none or the command is not valid in this state. The
     * session asks this before it asks for a literal, so a command that cannot run never gets a {@code +}.
     */
    sealed interface Target {

        /** The tag, or null when the line has no valid one (the answer is then untagged). */
        String tag();

        record Found(String tag, String shown, CommandTable.Entry entry) implements Target {}

        record Refused(String tag, Completion completion) implements Target {}
    }

    /** Reads tag and name (and a UID command's second name) from {@code r} and looks them up. */
    static Target resolve(ImapContext ctx, ArgumentReader r) {
        String tag;
        String name;
        try {
            tag = r.tag();
            r.sp();
            name = r.keyword();
        } catch (ImapSyntaxException e) {
            return new Target.Refused(null, Completion.bad("Error in IMAP command received by server."));
        }
        Optional<CommandTable.Entry> entry = ctx.services().commands().find(name);
        String shown = name;
        try {
            if (name.equals("UID")) {
                r.sp();
                String sub = r.keyword();
                shown = "UID " + sub;
                entry = ctx.services().commands().findUid(sub);
            }
        } catch (ImapSyntaxException e) {
            return new Target.Refused(tag, Completion.bad("Error in IMAP command UID: " + e.getMessage()));
        }
        if (entry.isEmpty()) {
            return new Target.Refused(tag, ctx.state() == ImapState.NOT_AUTHENTICATED
                    ? Completion.bad("Error in IMAP command received by server.")
                    : Completion.bad("Error in IMAP command " + shown + ": Unknown command."));
        }
        if (!entry.get().states().contains(ctx.state())) {
            return new Target.Refused(tag, wrongState(ctx, entry.get()));
        }
        return new Target.Found(tag, shown, entry.get());
    }

    static void dispatch(ImapContext ctx, CommandInput input) {
        ResponseWriter out = ctx.out();
        ArgumentReader r = new ArgumentReader(input);
        Target.Found found;
        switch (resolve(ctx, r)) {
            case Target.Refused refused -> {
                answer(ctx, refused.tag(), refused.completion());
                return;
            }
            case Target.Found f -> found = f;
        }
        String tag = found.tag();
        String shown = found.shown();
        CommandTable.Entry e = found.entry();
        if (!r.atEnd() && r.peek() == ' ') {
            r.sp();
        } else if (!r.atEnd()) {
            finish(ctx, tag, Completion.bad("Error in IMAP command " + shown + ": Expected a space"), false);
            return;
        }
        Completion c;
        try {
            WorkBudget budget = new WorkBudget(ctx.services().commandWorkLimit(), () -> !ctx.connection().isOpen());
            c = budget.run(() -> e.command().execute(ctx, tag, r));
        } catch (WorkBudget.CancelledException gone) {
            LOG.info("imap({}): {} abandoned: {}", ctx.user(), shown.toLowerCase(Locale.ROOT), gone.getMessage());
            ctx.requestClose();
            out.discardOpenLine();
            return;
        } catch (ImapSyntaxException bad) {
            c = Completion.bad("Error in IMAP command " + shown + ": " + bad.getMessage());
        } catch (org.loftmail.imap.codec.SearchParser.BadCharsetException bad) {
            c = Completion.no("BADCHARSET", "Unknown charset");
        } catch (Exception ex) {
            c = overBudget(ex) ? tooCostly(ctx, shown) : StorageErrors.toCompletion(ctx, ex);
        } catch (StackOverflowError ex) {
            LOG.error("imap({}): {} failed", ctx.user(), shown.toLowerCase(Locale.ROOT), ex);
            c = Completion.no("SERVERBUG", StorageErrors.INTERNAL_ERROR);
        }
        if (!out.discardOpenLine()) {
            LOG.error("imap({}): {} failed in the middle of a response; closing", ctx.user(), shown.toLowerCase(Locale.ROOT));
            out.untagged().atom("BYE").sp().text(StorageErrors.INTERNAL_ERROR).end();
            ctx.requestClose();
            out.flush();
            return;
        }
        if (c == null) {
            out.flush(); // the command goes on (IDLE, AUTHENTICATE)
            return;
        }
        finish(ctx, tag, c, !e.usesSequenceNumbers());
    }

    /** A command that ran out of its work budget, directly or wrapped by the storage layer (ADR 0802). */
    private static boolean overBudget(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof WorkBudget.ExceededException) return true;
        }
        return false;
    }

    private static Completion tooCostly(ImapContext ctx, String shown) {
        LOG.warn("imap({}): {} stopped: more than {} units of work", ctx.user(), shown.toLowerCase(Locale.ROOT),
                ctx.services().commandWorkLimit());
        return Completion.no("LIMIT", TOO_COSTLY);
    }

    static final String TOO_COSTLY = "Command too costly for this server; narrow the pattern or the search.";

    private static Completion wrongState(ImapContext ctx, CommandTable.Entry e) {
        return switch (ctx.state()) {
            case NOT_AUTHENTICATED -> Completion.bad("Error in IMAP command received by server.");
            case AUTHENTICATED -> e.states().contains(ImapState.SELECTED)
                    ? Completion.bad("No mailbox selected.")
                    : Completion.bad("Error in IMAP command " + e.name() + ": Already logged in.");
            default -> Completion.bad("Error in IMAP command " + e.name() + ": Already logged in.");
        };
    }

    /** Ends a command: tagged through {@link #finish}, or untagged BAD when it had no valid tag. */
    static void answer(ImapContext ctx, String tag, Completion c) {
        if (tag == null) {
            ctx.out().status(null, "BAD", null, "Error in IMAP command received by server.");
            tooManyBad(ctx, true);
            ctx.out().flush();
        } else {
            finish(ctx, tag, c, false);
        }
    }

    /** The sync point, then the tagged response. */
    static void finish(ImapContext ctx, String tag, Completion c, boolean expungesAllowed) {
        try {
            if (ctx.state() == ImapState.SELECTED && c.status() != Completion.Status.BAD) {
                c = Synchronizer.syncBefore(ctx, expungesAllowed, c);
            }
        } catch (Exception ex) {
            LOG.error("imap({}): sync failed", ctx.user(), ex);
        }
        ctx.out().status(tag, c.status().name(), c.code(), c.text());
        tooManyBad(ctx, c.status() == Completion.Status.BAD);
        ctx.out().flush();
    }

    /** Dovecot's CLIENT_MAX_BAD_COMMANDS: 20 BAD answers in a row end the connection. */
    static final int MAX_BAD_COMMANDS = 20;

    static void tooManyBad(ImapContext ctx, boolean bad) {
        if (ctx.countBad(bad) >= MAX_BAD_COMMANDS) {
            ctx.out().status(null, "BYE", null, "Too many invalid IMAP commands.");
            ctx.requestClose();
        }
    }
}
