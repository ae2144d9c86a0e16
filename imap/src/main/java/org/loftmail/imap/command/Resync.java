package org.loftmail.imap.command;

import java.util.PrimitiveIterator;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.MessageRecord;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.imap.FlagNames;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.SelectedState;
import org.loftmail.imap.codec.ResponseWriter;

/**
 * What a QRESYNC client missed since a MODSEQ it knew (RFC 7162 sections 3.2.5.1 and 3.2.6): the UIDs expunged
 * since, as {@code VANISHED (EARLIER)}, and the messages changed or added since, as {@code FETCH (UID FLAGS
 * MODSEQ)}, both answered from the index. When the expunge history does not reach back far enough the storage
 * answers with every UID that is missing, so the client may hear of an old expunge again but never misses one.
 */
final class Resync {

    private Resync() {}

    /**
     * The UIDs expunged after {@code modSeq} among {@code within}; pairs of (sequence number, UID) the client
     * still believes in remove every UID up to the last pair that still holds (RFC 7162 section 3.2.5.2: no message
     * at or below it can have gone since the client's snapshot when its sequence number is unchanged).
     */
    static UidSet vanished(SelectedMailbox view, long modSeq, UidSet within, UidSet knownSeqs, UidSet knownSeqUids)
            throws MailStorageException {
        UidSet gone = view.expungedSince(modSeq).intersect(within);
        if (gone.isEmpty() || knownSeqs.isEmpty()) return gone;
        long confirmed = 0;
        PrimitiveIterator.OfLong seqs = knownSeqs.stream().iterator();
        PrimitiveIterator.OfLong uids = knownSeqUids.stream().iterator();
        while (seqs.hasNext() && uids.hasNext()) {
            long seq = seqs.nextLong();
            long uid = uids.nextLong();
            if (seq > view.count() || view.uid((int) seq) != uid) break;
            confirmed = uid;
        }
        if (confirmed == 0) return gone;
        return gone.intersect(UidSet.range(confirmed + 1, UidSet.MAX));
    }

    /** {@code * VANISHED (EARLIER) uids}, when there are any. */
    static void writeVanished(ImapContext ctx, UidSet uids) {
        if (uids.isEmpty()) return;
        ctx.out().untagged().atom("VANISHED").sp().token("(EARLIER)").sp().sequenceSet(uids).end();
    }

    /** {@code FETCH (UID FLAGS MODSEQ)} for each message of {@code within} whose MODSEQ is above {@code modSeq}. */
    static void writeChanged(ImapContext ctx, long modSeq, UidSet within) {
        SelectedState s = ctx.selected();
        SelectedMailbox view = s.view();
        boolean rev2 = ctx.imap4rev2();
        ResponseWriter out = ctx.out();
        for (int seq = 1; seq <= view.count(); seq++) {
            MessageRecord r = view.record(seq);
            if (r.modSeq() <= modSeq || !within.contains(r.uid())) continue;
            out.untagged().number(seq).sp().atom("FETCH").sp().open()
                    .atom("UID").sp().number(r.uid()).sp()
                    .atom("FLAGS").sp().atoms(FlagNames.of(r.flags(), !rev2 && view.isRecent(r.uid()))).sp()
                    .atom("MODSEQ").sp().open().number(r.modSeq()).close()
                    .close().end();
            s.fetchedModSeq(r.modSeq());
        }
    }
}
