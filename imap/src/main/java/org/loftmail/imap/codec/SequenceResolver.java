package org.loftmail.imap.codec;

import org.loftmail.core.mail.UidSet;

/** Turns sequence sets into numbers against the selected mailbox, while a SEARCH program is parsed. */
public interface SequenceResolver {

    /** Sequence numbers named by the set ({@code $}: the saved result's messages). */
    UidSet sequenceNumbers(SequenceSet set);

    /** UIDs named by a {@code UID} set. */
    UidSet uids(SequenceSet set);
}
