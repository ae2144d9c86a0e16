package org.loftmail.imap;

import org.loftmail.core.storage.FlagUpdate;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.SyncResult;
import org.loftmail.imap.codec.ResponseWriter;

/**
 * Sends what changed in the selected mailbox at a sync point (RFC 3501 section 7, RFC 9051 section 7.5): EXPUNGE in
 * the order the storage computed, then EXISTS and RECENT, then FETCH FLAGS, as Dovecot orders them. Under
 * IMAP4rev2 there is no RECENT or \Recent, and each FETCH names the UID (RFC 9051 appendix E items 12 and 21).
 * With CONDSTORE each FETCH carries MODSEQ before FLAGS; with QRESYNC (RFC 7162 section 3.2.10) the expunges are
 * one {@code VANISHED} line, each FETCH names the UID, and a HIGHESTMODSEQ the client has not seen is announced
 * (see {@link #highestModSeqToSend}).
 */
public final class Synchronizer {

    private Synchronizer() {}

    /** A sync point without a tagged response after it (IDLE): a new HIGHESTMODSEQ goes in an untagged OK. */
    public static boolean sync(ImapContext ctx, boolean expungesAllowed) throws MailStorageException {
        boolean wrote = report(ctx, expungesAllowed);
        long send = highestModSeqToSend(ctx, expungesAllowed);
        if (send > 0) {
            ctx.out().untagged().atom("OK").sp().token("[HIGHESTMODSEQ " + send + "]").sp().text("Highest").end();
            wrote = true;
        }
        return wrote;
    }

    /**
     * The sync point before a tagged response: a new HIGHESTMODSEQ joins an OK without a response code, as
     * Dovecot does ({@code a OK [HIGHESTMODSEQ 12] Expunge completed.}), else goes in an untagged OK first.
     */
    static Completion syncBefore(ImapContext ctx, boolean expungesAllowed, Completion c) throws MailStorageException {
        report(ctx, expungesAllowed);
        long send = highestModSeqToSend(ctx, expungesAllowed);
        if (send == 0) return c;
        if (c.status() == Completion.Status.OK && c.code() == null) {
            return Completion.ok("HIGHESTMODSEQ " + send, c.text());
        }
        ctx.out().untagged().atom("OK").sp().token("[HIGHESTMODSEQ " + send + "]").sp().text("Highest").end();
        return c;
    }

    private static boolean report(ImapContext ctx, boolean expungesAllowed) throws MailStorageException {
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
        if (ctx.qresync()) {
            if (!r.expunged().isEmpty()) {
                out.untagged().atom("VANISHED").sp().sequenceSet(r.expunged()).end();
            }
        } else {
            for (int seq : r.expungeSeqs()) {
                out.untagged().number(seq).sp().atom("EXPUNGE").end();
            }
        }
        if (newExists) out.untagged().number(r.exists()).sp().atom("EXISTS").end();
        // Dovecot sends RECENT with a new EXISTS and also when expunges lower the \Recent count; IMAP4rev2 has none
        if (recent) out.untagged().number(r.recent()).sp().atom("RECENT").end();
        boolean condstore = ctx.condstore();
        for (FlagUpdate f : r.flagUpdates()) {
            ResponseWriter.Line l = out.untagged().number(f.seq()).sp().atom("FETCH").sp().open();
            // RFC 9051 7.5.2 and RFC 7162 3.2.10: unsolicited FETCH carries UID
            if (rev2 || ctx.qresync()) l.atom("UID").sp().number(f.uid()).sp();
            if (condstore) {
                l.atom("MODSEQ").sp().open().number(f.modSeq()).close().sp();
                s.fetchedModSeq(f.modSeq());
            }
            l.atom("FLAGS").sp().atoms(FlagNames.of(f.flags(), !rev2 && s.view().isRecent(f.uid()))).close().end();
        }
        return true;
    }

    /**
     * Dovecot's rule for QRESYNC sessions (imap-sync.c): announce the mailbox's HIGHESTMODSEQ when it rose past what
     * the client was last told and past every MODSEQ just sent in a FETCH (VANISHED and EXISTS raise it without
     * saying so). While expunges are held back (FETCH, STORE, SEARCH) the current value would cover expunges the
     * client has not heard of, so at such a sync point only the last complete value is repeated, and only when a FETCH sent a higher
     * MODSEQ that a client might otherwise take as its own. Returns 0 when nothing is to be sent.
     */
    private static long highestModSeqToSend(ImapContext ctx, boolean expungesAllowed) {
        if (!ctx.hasSelected()) return 0;
        SelectedState s = ctx.selected();
        if (!ctx.qresync()) {
            s.resetFetchedModSeq();
            return 0;
        }
        long highest = s.view().highestModSeq();
        long send = 0;
        if (!expungesAllowed) {
            if (s.highestFetchedModSeq() > s.reportedFullModSeq()) send = s.reportedFullModSeq();
        } else {
            if (highest > s.reportedFullModSeq() && highest > s.highestFetchedModSeq()) send = highest;
            s.reportedFullModSeq(highest);
        }
        s.resetFetchedModSeq();
        return send;
    }
}
