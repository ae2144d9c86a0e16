package org.loftmail.core.storage.index;

import java.time.Instant;
import java.util.Objects;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.storage.MessageRecord;

/**
 * One message as the shared index knows it. Besides what IMAP reads ({@link MessageRecord}) it carries two
 * backend-owned strings: {@link #key}, the backend's stable name for the message (Maildir: the base file name;
 * POP3's {@code %f}), and {@link #location}, where the message is right now (Maildir: {@code cur/} or {@code new/}
 * and the full file name). The index stores both and never interprets them. Mutated only under the index lock,
 * through {@link MailboxIndex}, so every change reaches the change log.
 */
public final class IndexRecord {

    private final long uid;
    private final String key;
    private String location;
    private Flags flags;
    private final Instant internalDate;
    private final long physicalSize;
    private final long virtualSize;
    private long modSeq;
    private final String guid;
    /** Backend scratch, never stored: Maildir numbers its directory listings here (the last one that saw the file). */
    private long mark;

    public IndexRecord(long uid, String key, String location, Flags flags, Instant internalDate, long physicalSize,
            long virtualSize, long modSeq, String guid) {
        this.uid = uid;
        this.key = Objects.requireNonNull(key, "key");
        this.location = Objects.requireNonNull(location, "location");
        this.flags = Objects.requireNonNull(flags, "flags");
        this.internalDate = Objects.requireNonNull(internalDate, "internalDate");
        this.physicalSize = physicalSize;
        this.virtualSize = virtualSize;
        this.modSeq = modSeq;
        this.guid = Objects.requireNonNull(guid, "guid");
    }

    public long uid() {
        return uid;
    }

    public String key() {
        return key;
    }

    public String location() {
        return location;
    }

    public Flags flags() {
        return flags;
    }

    public Instant internalDate() {
        return internalDate;
    }

    public long physicalSize() {
        return physicalSize;
    }

    public long virtualSize() {
        return virtualSize;
    }

    public long modSeq() {
        return modSeq;
    }

    public String guid() {
        return guid;
    }

    public long mark() {
        return mark;
    }

    public void mark(long value) {
        mark = value;
    }

    void location(String newLocation) {
        location = Objects.requireNonNull(newLocation, "location");
    }

    void flags(Flags newFlags, long newModSeq) {
        flags = Objects.requireNonNull(newFlags, "flags");
        modSeq = newModSeq;
    }

    public MessageRecord toMessageRecord() {
        return new MessageRecord(uid, flags, internalDate, physicalSize, virtualSize, modSeq, guid);
    }
}
