package org.loftmail.core.storage;

import java.time.Instant;
import java.util.Objects;
import org.loftmail.core.mail.Flags;

/**
 * What the index knows of one message without opening it: UID, stored flags and keywords, INTERNALDATE,
 * physical size (bytes on disk), virtual size (with CRLF line ends, IMAP's RFC822.SIZE), MODSEQ and GUID
 * (for Maildir: the base file name unless the uidlist carries a G field, as Dovecot does).
 */
public record MessageRecord(long uid, Flags flags, Instant internalDate, long physicalSize, long virtualSize, long modSeq, String guid) {
    public MessageRecord {
        if (uid < 1 || uid > 0xFFFF_FFFFL) throw new IllegalArgumentException("UID out of range: " + uid);
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(internalDate, "internalDate");
        Objects.requireNonNull(guid, "guid");
    }

    public MessageRecord withFlags(Flags newFlags, long newModSeq) {
        return new MessageRecord(uid, newFlags, internalDate, physicalSize, virtualSize, newModSeq, guid);
    }
}
