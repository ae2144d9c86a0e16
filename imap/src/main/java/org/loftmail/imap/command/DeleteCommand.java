package org.loftmail.imap.command;

import org.loftmail.imap.Completion;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.codec.ArgumentReader;

/** DELETE (RFC 3501 section 6.3.4). INBOX cannot be deleted; deleting the selected mailbox unselects it first. */
public final class DeleteCommand implements ImapCommand {
    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) throws Exception {
        String wire = args.astring();
        args.end();
        ImapContext.ResolvedName name = ctx.mailboxName(wire);
        if (name.name().isInbox()) {
            return Completion.no("INBOX can't be deleted");
        }
        if (ctx.hasSelected() && ctx.selected().view().mailbox().name().equals(name.name())) {
            ctx.unselect();
            ctx.out().untagged().atom("BYE").sp().text("Selected mailbox was deleted, have to disconnect.").end();
            ctx.storage().delete(name.name());
            ctx.requestClose();
            return Completion.ok("Delete completed.");
        }
        ctx.storage().delete(name.name());
        return Completion.ok("Delete completed.");
    }
}
