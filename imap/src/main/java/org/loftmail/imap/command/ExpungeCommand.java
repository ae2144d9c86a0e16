package org.loftmail.imap.command;

import java.util.Optional;
import org.loftmail.core.mail.UidSet;
import org.loftmail.imap.Completion;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.codec.ArgumentReader;

/**
 * EXPUNGE (RFC 3501 section 6.4.3) and UID EXPUNGE (RFC 4315 section 2.1). The EXPUNGE responses come from the
 * sync point that follows.
 */
public final class ExpungeCommand implements ImapCommand {

    private final boolean uid;

    public ExpungeCommand(boolean uid) {
        this.uid = uid;
    }

    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) throws Exception {
        Optional<UidSet> limit = Optional.empty();
        if (uid) {
            limit = Optional.of(MessageSets.uids(ctx.selected(), args.sequenceSet(), true));
        }
        args.end();
        if (ctx.selected().readOnly()) {
            return Completion.ok("Expunge completed."); // as Dovecot: nothing to expunge in a read-only mailbox
        }
        if (limit.isPresent() && limit.get().isEmpty()) return Completion.ok("Expunge completed.");
        ctx.selected().view().expunge(limit);
        return Completion.ok("Expunge completed.");
    }
}
