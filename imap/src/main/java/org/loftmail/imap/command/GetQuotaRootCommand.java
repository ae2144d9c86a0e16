package org.loftmail.imap.command;

import java.util.List;
import org.loftmail.core.storage.QuotaRoot;
import org.loftmail.imap.Completion;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.codec.ArgumentReader;
import org.loftmail.imap.codec.ResponseWriter;

/** GETQUOTAROOT (RFC 9208 section 4.3.2, RFC 2087). */
public final class GetQuotaRootCommand implements ImapCommand {
    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) throws Exception {
        String wire = args.astring();
        args.end();
        ImapContext.ResolvedName name = ctx.mailboxName(wire);
        ctx.storage().mailbox(name.name()); // NONEXISTENT when missing
        List<QuotaRoot> roots = ctx.storage().quotaRoots(name.name());
        ResponseWriter.Line l = ctx.out().untagged().atom("QUOTAROOT").sp().mailbox(ImapContext.clientName(name.namespace(), name.name()));
        for (QuotaRoot r : roots) l.sp().astring(r.name());
        l.end();
        for (QuotaRoot r : roots) GetQuotaCommand.write(ctx, r);
        return Completion.ok("Getquotaroot completed.");
    }
}
