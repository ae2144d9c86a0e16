package org.loftmail.core.storage;

import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.mail.UidSet;

/** One event of the in-process change feed. Listeners react by calling {@code sync()} on their view. */
public record MailboxChange(MailboxName mailbox, Kind kind, UidSet uids) {
    public enum Kind {
        APPENDED,
        FLAGS,
        EXPUNGED,
        /** Something changed outside this process (found by a sync); details come from {@code sync()}. */
        EXTERNAL
    }
}
