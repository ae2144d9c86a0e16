package org.loftmail.core.storage.search;

import java.time.LocalDate;
import java.util.List;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.mail.UidSet;

/**
 * IMAP SEARCH keys (RFC 3501 6.4.4, RFC 9051, RFC 7162 MODSEQ) as values. The IMAP codec builds them; dates
 * are already in the client's meaning (INTERNALDATE compared by its date in the server's time zone, as
 * Dovecot does). Sequence numbers are resolved through the view at evaluation time.
 */
public sealed interface SearchKey {

    record All() implements SearchKey {}

    /** {@code SEEN}/{@code UNSEEN} and friends: the flag is set ({@code present}) or not. */
    record Flag(SystemFlag flag, boolean present) implements SearchKey {}

    record Keyword(String keyword, boolean present) implements SearchKey {}

    /** {@code RECENT}; {@code NEW} is {@code And(Recent, Flag(SEEN,false))}, {@code OLD} is {@code Not(Recent)}. */
    record Recent() implements SearchKey {}

    record Uids(UidSet uids) implements SearchKey {}

    record SequenceNumbers(UidSet numbers) implements SearchKey {}

    /** RFC822.SIZE (virtual size) larger / smaller than. */
    record Larger(long size) implements SearchKey {}

    record Smaller(long size) implements SearchKey {}

    /** INTERNALDATE compared by date. */
    record InternalDate(DateComparison comparison, LocalDate date) implements SearchKey {}

    /**
     * INTERNALDATE compared with an instant (RFC 5032 WITHIN: OLDER n is before now minus n seconds, YOUNGER n at or
     * after it, as Dovecot turns them into exact BEFORE/SINCE times).
     */
    record InternalDateAt(boolean before, java.time.Instant at) implements SearchKey {}

    /** Date: header compared by date (SENTBEFORE/SENTON/SENTSINCE). */
    record SentDate(DateComparison comparison, LocalDate date) implements SearchKey {}

    /** A header field containing the text (empty text: the field exists); FROM/TO/CC/BCC/SUBJECT are headers. */
    record Header(String field, String text) implements SearchKey {}

    record Body(String text) implements SearchKey {}

    record Text(String text) implements SearchKey {}

    record ModSeqAtLeast(long modSeq) implements SearchKey {}

    record And(List<SearchKey> keys) implements SearchKey {
        public And {
            keys = List.copyOf(keys);
        }
    }

    record Or(SearchKey left, SearchKey right) implements SearchKey {}

    record Not(SearchKey key) implements SearchKey {}

    enum DateComparison {
        BEFORE,
        ON,
        SINCE
    }
}
