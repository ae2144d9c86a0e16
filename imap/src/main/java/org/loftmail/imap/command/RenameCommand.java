package org.loftmail.imap.command;

import org.loftmail.imap.Completion;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.codec.ArgumentReader;

/** RENAME (RFC 3501 section 6.3.5): children move along; renaming INBOX moves its messages (storage's job). */
public final class RenameCommand implements ImapCommand {
    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) throws Exception {
        String from = args.astring();
        args.sp();
        String to = args.astring();
        args.end();
        ImapContext.ResolvedName target = ctx.newMailboxName(to);
        ImapContext.ResolvedName source = ctx.mailboxName(from); // last, so a missing source is the one named
        if (target.name().isInbox()) {
            return Completion.no("ALREADYEXISTS", "Mailbox already exists");
        }
        if (target.name().isSelfOrDescendantOf(source.name())) {
            return Completion.no("CANNOT", "Can't rename mailbox under itself.");
        }
        ctx.storage().rename(source.name(), target.name());
        return Completion.ok("Rename completed.");
    }
}
