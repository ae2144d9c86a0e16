package org.loftmail.imap.command;

import java.util.Optional;
import org.loftmail.imap.Completion;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.codec.ArgumentReader;

/**
 * CLOSE (RFC 3501 section 6.4.2: expunges silently, unless read-only) and UNSELECT (RFC 3691: never expunges).
 */
public final class CloseCommand implements ImapCommand {

    private final boolean expunge;

    public CloseCommand(boolean expunge) {
        this.expunge = expunge;
    }

    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) throws Exception {
        args.end();
        if (expunge && !ctx.selected().readOnly()) {
            ctx.selected().view().expunge(Optional.empty());
        }
        ctx.unselect();
        return Completion.ok(expunge ? "Close completed." : "Unselect completed.");
    }
}
