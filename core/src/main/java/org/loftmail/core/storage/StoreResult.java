package org.loftmail.core.storage;

import java.util.List;
import org.loftmail.core.mail.UidSet;

/**
 * STORE's outcome: the messages now carrying new flags (with their new MODSEQ), plus the messages not changed
 * because their MODSEQ was above UNCHANGEDSINCE (RFC 7162 {@code [MODIFIED ...]}). Messages whose flags were
 * already as asked are in neither list but IMAP still answers FETCH FLAGS for them; use the view's records.
 */
public record StoreResult(List<FlagUpdate> updated, UidSet modified) {
    public StoreResult {
        updated = List.copyOf(updated);
    }
}
