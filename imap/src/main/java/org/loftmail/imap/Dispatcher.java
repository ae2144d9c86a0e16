package org.loftmail.imap;

import java.util.Locale;
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

    static void dispatch(ImapContext ctx, CommandInput input) {
        ResponseWriter out = ctx.out();
        ArgumentReader r = new ArgumentReader(input);
        String tag;
        String name;
        try {
            tag = r.tag();
            r.sp();
            name = r.keyword();
        } catch (ImapSyntaxException e) {
            out.status(null, "BAD", null, "Error in IMAP command received by server.");
            tooManyBad(ctx, true);
            out.flush();
            return;
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
            finish(ctx, tag, Completion.bad("Error in IMAP command UID: " + e.getMessage()), false);
            return;
        }
        if (entry.isEmpty()) {
            Completion c = ctx.state() == ImapState.NOT_AUTHENTICATED
                    ? Completion.bad("Error in IMAP command received by server.")
                    : Completion.bad("Error in IMAP command " + shown + ": Unknown command.");
            finish(ctx, tag, c, false);
            return;
        }
        CommandTable.Entry e = entry.get();
        if (!e.states().contains(ctx.state())) {
            finish(ctx, tag, wrongState(ctx, e), false);
            return;
        }
        if (!r.atEnd() && r.peek() == ' ') {
            r.sp();
        } else if (!r.atEnd()) {
            finish(ctx, tag, Completion.bad("Error in IMAP command " + shown + ": Expected a space"), false);
            return;
        }
        Completion c;
        try {
            c = e.command().execute(ctx, tag, r);
        } catch (ImapSyntaxException bad) {
            c = Completion.bad("Error in IMAP command " + shown + ": " + bad.getMessage());
        } catch (org.loftmail.imap.codec.SearchParser.BadCharsetException bad) {
            c = Completion.no("BADCHARSET", "Unknown charset");
        } catch (Exception ex) {
            c = StorageErrors.toCompletion(ctx, ex);
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

    private static Completion wrongState(ImapContext ctx, CommandTable.Entry e) {
        return switch (ctx.state()) {
            case NOT_AUTHENTICATED -> Completion.bad("Error in IMAP command received by server.");
            case AUTHENTICATED -> e.states().contains(ImapState.SELECTED)
                    ? Completion.bad("No mailbox selected.")
                    : Completion.bad("Error in IMAP command " + e.name() + ": Already logged in.");
            default -> Completion.bad("Error in IMAP command " + e.name() + ": Already logged in.");
        };
    }

    /** The sync point, then the tagged response. */
    static void finish(ImapContext ctx, String tag, Completion c, boolean expungesAllowed) {
        try {
            if (ctx.state() == ImapState.SELECTED && c.status() != Completion.Status.BAD) {
                Synchronizer.sync(ctx, expungesAllowed);
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
