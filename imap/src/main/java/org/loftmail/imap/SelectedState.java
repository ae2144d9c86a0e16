package org.loftmail.imap;

import java.util.Objects;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.SelectedMailbox;

/**
 * The selected mailbox as the session sees it: the storage view (sequence numbers, last reported state), the name
 * the client used, and the saved search result ({@code $}, RFC 5182) as UIDs.
 */
public final class SelectedState {

    private final SelectedMailbox view;
    private final String clientName;
    private UidSet savedSearch = UidSet.EMPTY;
    private long reportedFullModSeq;
    private long highestFetchedModSeq;

    public SelectedState(SelectedMailbox view, String clientName) {
        this.view = Objects.requireNonNull(view);
        this.clientName = Objects.requireNonNull(clientName);
    }

    public SelectedMailbox view() {
        return view;
    }

    public String clientName() {
        return clientName;
    }

    public boolean readOnly() {
        return view.readOnly();
    }

    public UidSet savedSearch() {
        return savedSearch;
    }

    public void saveSearch(UidSet uids) {
        this.savedSearch = uids;
    }

    /**
     * The HIGHESTMODSEQ the client was last told with nothing held back (SELECT, or a sync point that reported every
     * expunge): Dovecot's sync_last_full_modseq, used to decide when a QRESYNC client needs a new one.
     */
    public long reportedFullModSeq() {
        return reportedFullModSeq;
    }

    public void reportedFullModSeq(long modSeq) {
        this.reportedFullModSeq = modSeq;
    }

    /** The highest MODSEQ sent in a FETCH response since the last sync point. */
    public long highestFetchedModSeq() {
        return highestFetchedModSeq;
    }

    /** A FETCH response carried this MODSEQ. */
    public void fetchedModSeq(long modSeq) {
        highestFetchedModSeq = Math.max(highestFetchedModSeq, modSeq);
    }

    void resetFetchedModSeq() {
        highestFetchedModSeq = 0;
    }
}
