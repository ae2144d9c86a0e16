package org.loftmail.core.storage.index;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import org.loftmail.core.mail.UidSet;

/**
 * Which UIDs were expunged at which MODSEQ (how views find expunges made elsewhere, and QRESYNC's VANISHED
 * (EARLIER)), with a floor: the MODSEQ below which the history may be incomplete (trimmed, or lost with the index).
 * Asked about a MODSEQ below the floor it answers with every missing UID, as RFC 7162 section 3.2.5.1 allows.
 */
public final class ExpungeHistory {

    /** Entries kept; older ones are dropped and raise the floor. */
    public static final int MAX_ENTRIES = 100_000;

    private final TreeMap<Long, Long> modSeqByUid = new TreeMap<>();
    private long floor;

    void add(long uid, long modSeq) {
        modSeqByUid.put(uid, modSeq);
    }

    /** The UID is in the mailbox again (adopted from the backend after the index thought it gone). */
    void remove(long uid) {
        modSeqByUid.remove(uid);
    }

    void clear() {
        modSeqByUid.clear();
    }

    public long floor() {
        return floor;
    }

    void raiseFloor(long atLeast) {
        floor = Math.max(floor, atLeast);
    }

    void restore(long savedFloor, Map<Long, Long> entries) {
        floor = savedFloor;
        modSeqByUid.clear();
        modSeqByUid.putAll(entries);
    }

    /** Drops the oldest entries above {@link #MAX_ENTRIES}, raising the floor past them. */
    void trim() {
        while (modSeqByUid.size() > MAX_ENTRIES) {
            Map.Entry<Long, Long> oldest = modSeqByUid.pollFirstEntry();
            floor = Math.max(floor, oldest.getValue() + 1);
        }
    }

    public Map<Long, Long> entries() {
        return Collections.unmodifiableMap(modSeqByUid);
    }

    public int size() {
        return modSeqByUid.size();
    }

    /** UIDs expunged after {@code modSeq}; every UID below {@code uidNext} not in {@code present} when the history does not reach back. */
    UidSet since(long modSeq, NavigableSet<Long> present, long uidNext) {
        UidSet.Builder b = new UidSet.Builder();
        if (modSeq < floor) {
            long prev = 0;
            for (long uid : present) {
                if (uid > prev + 1) b.addRange(prev + 1, uid - 1);
                prev = uid;
            }
            if (uidNext - 1 > prev) b.addRange(prev + 1, uidNext - 1);
            return b.build();
        }
        for (Map.Entry<Long, Long> e : modSeqByUid.entrySet()) if (e.getValue() > modSeq) b.add(e.getKey());
        return b.build();
    }
}
