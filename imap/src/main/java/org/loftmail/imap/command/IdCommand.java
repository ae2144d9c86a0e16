package org.loftmail.imap.command;

import org.loftmail.imap.Completion;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.codec.ArgumentReader;
import org.loftmail.imap.codec.ImapSyntaxException;

/** ID (RFC 2971): reads the client's parameter list (NIL or up to 30 pairs) and answers with the server name. */
public final class IdCommand implements ImapCommand {

    private static final int MAX_PAIRS = 30;

    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) {
        if (!args.skipKeyword("NIL")) {
            args.expect('(');
            int n = 0;
            while (!args.skip(')')) {
                if (n > 0) args.sp();
                args.stringBytes();
                args.sp();
                args.nstring();
                if (++n > MAX_PAIRS) throw new ImapSyntaxException("Too many ID parameters");
            }
        }
        args.end();
        ctx.out().untagged().atom("ID").sp().open().string("name").sp().string(ctx.settings().clientName()).close().end();
        return Completion.ok("ID completed.");
    }
}
