package org.loftmail.core.storage;

import java.util.List;
import org.loftmail.core.mail.UidSet;

/**
 * What changed since the view's previous sync point, ready to be sent in this order: {@code expungeSeqs} are
 * the EXPUNGE numbers in sending order (each valid at the moment it is sent), {@code expunged} the same
 * messages as UIDs (for VANISHED), {@code exists} the message count afterwards (send EXISTS when
 * {@code existsChanged}), {@code recent} the \Recent count, then {@code flagUpdates} (FETCH FLAGS/MODSEQ, with
 * sequence numbers valid after the expunges). Changes this session made itself through STORE are not repeated.
 */
public record SyncResult(
        List<Integer> expungeSeqs,
        UidSet expunged,
        int exists,
        boolean existsChanged,
        int recent,
        boolean recentChanged,
        List<FlagUpdate> flagUpdates,
        long uidNext,
        long highestModSeq) {

    public SyncResult {
        expungeSeqs = List.copyOf(expungeSeqs);
        flagUpdates = List.copyOf(flagUpdates);
    }

    public boolean isEmpty() {
        return expungeSeqs.isEmpty() && !existsChanged && !recentChanged && flagUpdates.isEmpty();
    }
}
