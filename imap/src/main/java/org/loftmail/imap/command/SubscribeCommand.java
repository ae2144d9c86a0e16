package org.loftmail.imap.command;

import org.loftmail.imap.Completion;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.codec.ArgumentReader;

/** SUBSCRIBE and UNSUBSCRIBE (RFC 3501 sections 6.3.6, 6.3.7). */
public final class SubscribeCommand implements ImapCommand {

    private final boolean subscribe;

    public SubscribeCommand(boolean subscribe) {
        this.subscribe = subscribe;
    }

    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) throws Exception {
        String wire = args.astring();
        args.end();
        ImapContext.ResolvedName name = ctx.mailboxName(wire);
        if (subscribe) {
            ctx.storage().subscribe(name.name());
            return Completion.ok("Subscribe completed.");
        }
        ctx.storage().unsubscribe(name.name());
        return Completion.ok("Unsubscribe completed.");
    }
}
