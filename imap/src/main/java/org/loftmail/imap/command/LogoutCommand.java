package org.loftmail.imap.command;

import org.loftmail.imap.Completion;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.codec.ArgumentReader;

/** LOGOUT (RFC 3501 section 6.1.3). */
public final class LogoutCommand implements ImapCommand {
    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) {
        args.end();
        ctx.out().untagged().atom("BYE").sp().text("Logging out").end();
        ctx.unselect();
        ctx.requestClose();
        return Completion.ok("Logout completed.");
    }
}
