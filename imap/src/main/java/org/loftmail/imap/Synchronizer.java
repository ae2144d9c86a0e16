package org.loftmail.imap;

import org.loftmail.core.storage.FlagUpdate;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.SyncResult;
import org.loftmail.imap.codec.ResponseWriter;

/**
 * Sends what changed in the selected mailbox at a sync point (RFC 3501 section 7, RFC 9051 section 7.5): EXPUNGE in
 * the order the storage computed, then EXISTS and RECENT, then FETCH FLAGS, as Dovecot orders them.
 */
public final class Synchronizer {

    private Synchronizer() {}

    /** Returns true when something was written. */
    public static boolean sync(ImapContext ctx, boolean expungesAllowed) throws MailStorageException {
        if (!ctx.hasSelected()) return false;
        SelectedState s = ctx.selected();
        SyncResult r = s.view().sync(expungesAllowed);
        if (r.isEmpty()) return false;
        ResponseWriter out = ctx.out();
        for (int seq : r.expungeSeqs()) {
            out.untagged().number(seq).sp().atom("EXPUNGE").end();
        }
        if (r.existsChanged()) out.untagged().number(r.exists()).sp().atom("EXISTS").end();
        if (r.recentChanged()) out.untagged().number(r.recent()).sp().atom("RECENT").end();
        for (FlagUpdate f : r.flagUpdates()) {
            out.untagged().number(f.seq()).sp().atom("FETCH").sp().open().atom("FLAGS").sp()
                    .atoms(FlagNames.of(f.flags(), s.view().isRecent(f.uid()))).close().end();
        }
        return true;
    }
}
