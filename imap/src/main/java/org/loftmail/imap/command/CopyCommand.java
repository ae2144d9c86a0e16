package org.loftmail.imap.command;

import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.CopyResult;
import org.loftmail.core.storage.Mailbox;
import org.loftmail.imap.Completion;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.StorageErrors;
import org.loftmail.imap.codec.ArgumentReader;
import org.loftmail.imap.codec.SequenceSet;

/**
 * COPY, MOVE and their UID forms (RFC 3501 section 6.4.7, RFC 6851 MOVE, RFC 4315 COPYUID). MOVE sends COPYUID in
 * an untagged OK before the EXPUNGEs, as RFC 6851 section 4.3 and Dovecot do.
 */
public final class CopyCommand implements ImapCommand {

    private final boolean uid;
    private final boolean move;

    public CopyCommand(boolean uid, boolean move) {
        this.uid = uid;
        this.move = move;
    }

    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) throws Exception {
        SequenceSet set = args.sequenceSet();
        args.sp();
        String wire = args.astring();
        args.end();
        UidSet uids = MessageSets.uids(ctx.selected(), set, uid);
        Mailbox target;
        try {
            target = ctx.storage().mailbox(ctx.mailboxName(wire).name());
        } catch (Exception e) {
            return StorageErrors.toCompletion(ctx, e, true);
        }
        if (move && ctx.selected().readOnly()) return Completion.no("Mailbox is read-only.");
        if (uids.isEmpty()) {
            return Completion.ok(move ? "No messages found." : "No messages found.");
        }
        CopyResult r;
        try {
            r = move ? ctx.selected().view().move(uids, target) : ctx.selected().view().copy(uids, target);
        } catch (Exception e) {
            return StorageErrors.toCompletion(ctx, e, true);
        }
        String code = r.sourceUids().isEmpty() ? null
                : "COPYUID " + r.uidValidity() + " " + UidSet.of(r.sourceUids()) + " " + UidSet.of(r.destinationUids());
        if (move) {
            if (code != null) ctx.out().untagged().atom("OK").sp().token("[" + code + "]").sp().text("Moved UIDs.").end();
            return Completion.ok("Move completed.");
        }
        return code == null ? Completion.ok("Copy completed.") : Completion.ok(code, "Copy completed.");
    }
}
