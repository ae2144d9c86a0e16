package org.loftmail.imap.command;

import java.util.EnumSet;
import java.util.Set;
import org.loftmail.core.storage.SpecialUse;
import org.loftmail.imap.Completion;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.codec.ArgumentReader;
import org.loftmail.imap.codec.ImapSyntaxException;

/**
 * CREATE (RFC 3501 section 6.3.3) with CREATE-SPECIAL-USE (RFC 6154 section 3: {@code (USE (\Sent))}). A trailing
 * separator only says the client means to create children, as the RFC says.
 */
public final class CreateCommand implements ImapCommand {
    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) throws Exception {
        String wire = args.astring();
        Set<SpecialUse> use = EnumSet.noneOf(SpecialUse.class);
        java.util.List<String> flags = java.util.List.of();
        if (!args.atEnd()) {
            args.sp();
            args.expect('(');
            if (!args.skipKeyword("USE")) throw new ImapSyntaxException("Unknown CREATE parameter");
            args.sp();
            flags = args.flagList();
            args.expect(')');
        }
        args.end();
        for (String flag : flags) {
            var u = SpecialUse.fromImapName(flag);
            if (u.isEmpty()) return Completion.no("USEATTR", "Unsupported special-use attribute");
            use.add(u.get());
        }
        ImapContext.ResolvedName name = ctx.newMailboxName(wire);
        if (name.name().isInbox()) {
            return Completion.no("ALREADYEXISTS", "Mailbox already exists");
        }
        ctx.storage().create(name.name(), use);
        return Completion.ok("Create completed.");
    }

}
