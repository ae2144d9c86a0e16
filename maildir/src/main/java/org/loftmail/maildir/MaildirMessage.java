package org.loftmail.maildir;

import java.time.Instant;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.storage.MessageRecord;

/** One message as the shared mailbox state knows it: its file and its record. Mutated only under the state's lock. */
final class MaildirMessage {
    final long uid;
    final String base;
    /** The current file name (with {@code :2,} info unless in new/ without flags). */
    String fileName;
    boolean inNew;
    Flags flags;
    /** Letters Loft does not map to flags, kept in the file name untouched. */
    String otherLetters;
    final Instant internalDate;
    final long physicalSize;
    final long virtualSize;
    long modSeq;
    /** The last directory listing that saw this message's current file ({@link MaildirSync}). */
    long listedIn;
    final String guid;

    MaildirMessage(long uid, String base, String fileName, boolean inNew, Flags flags, String otherLetters,
            Instant internalDate, long physicalSize, long virtualSize, long modSeq, String guid) {
        this.uid = uid;
        this.base = base;
        this.fileName = fileName;
        this.inNew = inNew;
        this.flags = flags;
        this.otherLetters = otherLetters;
        this.internalDate = internalDate;
        this.physicalSize = physicalSize;
        this.virtualSize = virtualSize;
        this.modSeq = modSeq;
        this.guid = guid;
    }

    MessageRecord record() {
        return new MessageRecord(uid, flags, internalDate, physicalSize, virtualSize, modSeq, guid);
    }
}
