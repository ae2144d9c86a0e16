package org.loftmail.imap.command;

import org.loftmail.core.storage.QuotaResource;
import org.loftmail.core.storage.QuotaRoot;
import org.loftmail.imap.Completion;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.codec.ArgumentReader;
import org.loftmail.imap.codec.ResponseWriter;

/** GETQUOTA (RFC 9208 section 4.3.1, RFC 2087): STORAGE in KiB, MESSAGE as a count; unlimited ones are left out. */
public final class GetQuotaCommand implements ImapCommand {
    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) throws Exception {
        String rootName = args.astring();
        args.end();
        for (QuotaRoot r : ctx.storage().quotaRoots(org.loftmail.core.mail.MailboxName.INBOX)) {
            if (r.name().equals(rootName)) {
                write(ctx, r);
                return Completion.ok("Getquota completed.");
            }
        }
        return Completion.no("NONEXISTENT", "Quota root does not exist");
    }

    static void write(ImapContext ctx, QuotaRoot r) {
        ResponseWriter.Line l = ctx.out().untagged().atom("QUOTA").sp().astring(r.name()).sp().open();
        boolean first = true;
        for (QuotaResource res : r.resources()) {
            if (res.unlimited()) continue;
            if (!first) l.sp();
            first = false;
            boolean storage = res.name().equals(QuotaResource.STORAGE);
            l.atom(res.name()).sp().number(storage ? res.usage() / 1024 : res.usage()).sp()
                    .number(storage ? res.limit() / 1024 : res.limit());
        }
        l.close().end();
    }
}
