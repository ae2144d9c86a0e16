package org.loftmail.imap;

import org.loftmail.core.storage.FlagUpdate;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.SyncResult;
import org.loftmail.imap.codec.ResponseWriter;

/**
 * Sends what changed in the selected mailbox at a sync point (RFC 3501 section 7, RFC 9051 section 7.5): EXPUNGE in
 * the order the storage computed, then EXISTS and RECENT, then FETCH FLAGS, as Dovecot orders them. Under
 * IMAP4rev2 there is no RECENT or \Recent, and each FETCH names the UID (RFC 9051 appendix E items 12 and 21).
 */
public final class Synchronizer {

    private Synchronizer() {}

    /** Returns true when something was written. */
    public static boolean sync(ImapContext ctx, boolean expungesAllowed) throws MailStorageException {
        if (!ctx.hasSelected()) return false;
        SelectedState s = ctx.selected();
        int before = s.view().count();
        SyncResult r = s.view().sync(expungesAllowed);
        // EXPUNGE already lowers the client's count; EXISTS is needed only for what is left over (new messages)
        boolean newExists = r.existsChanged() && r.exists() != before - r.expungeSeqs().size();
        boolean rev2 = ctx.imap4rev2();
        boolean recent = !rev2 && (newExists || r.recentChanged());
        if (r.expungeSeqs().isEmpty() && !newExists && !recent && r.flagUpdates().isEmpty()) return false;
        ResponseWriter out = ctx.out();
        for (int seq : r.expungeSeqs()) {
            out.untagged().number(seq).sp().atom("EXPUNGE").end();
        }
        if (newExists) out.untagged().number(r.exists()).sp().atom("EXISTS").end();
        // Dovecot sends RECENT with a new EXISTS and also when expunges lower the \Recent count; IMAP4rev2 has none
        if (recent) out.untagged().number(r.recent()).sp().atom("RECENT").end();
        for (FlagUpdate f : r.flagUpdates()) {
            ResponseWriter.Line l = out.untagged().number(f.seq()).sp().atom("FETCH").sp().open();
            if (rev2) l.atom("UID").sp().number(f.uid()).sp(); // RFC 9051 7.5.2: unsolicited FETCH carries UID
            l.atom("FLAGS").sp().atoms(FlagNames.of(f.flags(), !rev2 && s.view().isRecent(f.uid()))).close().end();
        }
        return true;
    }
}
