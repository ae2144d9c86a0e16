package org.loftmail.core.storage.index;

/**
 * What the backend tells the index about the mail on disk each time the index is written: how the disk looked
 * at the backend's last look (opaque; a later process compares it with the disk to decide whether the index can
 * be trusted without a rescan), whether a later process could trust that stamp, and UIDNEXT.
 */
public interface DiskStamp {

    /** The backend's stamp of the disk as of its last look, in its own encoding (one line, no newline). */
    String current();

    /** True when a later process could trust {@link #current()} (no change can hide in the same clock tick). */
    boolean settled();

    /** UIDNEXT as the backend knows it. */
    long uidNext();
}
