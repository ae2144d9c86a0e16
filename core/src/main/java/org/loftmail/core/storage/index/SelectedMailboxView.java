package org.loftmail.core.storage.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.FlagUpdate;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.MessageRecord;
import org.loftmail.core.storage.SyncResult;

/**
 * One session's sequence map over a {@link MailboxIndex}: the UIDs and records as last reported, \Recent
 * messages, and expunges not reported yet (IMAP forbids EXPUNGE during FETCH, STORE and SEARCH). {@link #catchUp}
 * compares it with the index and returns the {@link SyncResult} in Dovecot's order. Not thread-safe: one session
 * uses it serially.
 */
final class SelectedMailboxView {

    private long[] uids = new long[0];
    private MessageRecord[] records = new MessageRecord[0];
    private int count;
    private final Set<Long> recent = new HashSet<>();
    private final Set<Long> pendingExpunged = new HashSet<>();
    private long uidNext;
    private long highestModSeq;
    private long uidValidity;
    private long seenGeneration = -1;
    /** How many of {@link #recent} are in the view; {@code recent} changes only in {@link #catchUp}, which recounts. */
    private int recentInView;

    int count() {
        return count;
    }

    int recentCount() {
        return recentInView;
    }

    long uidNext() {
        return uidNext;
    }

    long highestModSeq() {
        return highestModSeq;
    }

    long uidValidity() {
        return uidValidity;
    }

    long uid(int seq) {
        if (seq < 1 || seq > count) throw new IndexOutOfBoundsException("no message " + seq);
        return uids[seq - 1];
    }

    int seq(long uid) {
        int i = Arrays.binarySearch(uids, 0, count, uid);
        return i >= 0 ? i + 1 : 0;
    }

    MessageRecord record(int seq) {
        if (seq < 1 || seq > count) throw new IndexOutOfBoundsException("no message " + seq);
        return records[seq - 1];
    }

    boolean isRecent(long uid) {
        return recent.contains(uid);
    }

    /** Expunged elsewhere but still in the map until the session may report it. */
    boolean pendingExpunge(long uid) {
        return pendingExpunged.contains(uid);
    }

    int firstUnseen() {
        for (int i = 0; i < count; i++) if (!records[i].flags().contains(SystemFlag.SEEN)) return i + 1;
        return 0;
    }

    UidSet uids() {
        UidSet.Builder b = new UidSet.Builder();
        for (int i = 0; i < count; i++) b.add(uids[i]);
        return b.build();
    }

    UidSet uidsAt(UidSet sequenceNumbers) {
        UidSet.Builder b = new UidSet.Builder();
        for (long[] r : sequenceNumbers.ranges()) {
            for (long s = r[0]; s <= Math.min(r[1], count); s++) b.add(uids[(int) s - 1]);
        }
        return b.build();
    }

    UidSet existing(UidSet set) {
        UidSet.Builder b = new UidSet.Builder();
        for (long[] r : set.ranges()) {
            int from = Arrays.binarySearch(uids, 0, count, r[0]);
            if (from < 0) from = -from - 1;
            for (int i = from; i < count && uids[i] <= r[1]; i++) b.add(uids[i]);
        }
        return b.build();
    }

    /** The session's own STORE: its records take the new flags at once (not repeated by the next sync). */
    List<FlagUpdate> stored(List<MessageRecord> changed) {
        List<FlagUpdate> updates = new ArrayList<>();
        for (MessageRecord m : changed) {
            int s = seq(m.uid());
            if (s == 0) continue;
            records[s - 1] = records[s - 1].withFlags(m.flags(), m.modSeq());
            updates.add(new FlagUpdate(s, m.uid(), m.flags(), m.modSeq()));
        }
        return updates;
    }

    /**
     * Brings the map in line with the index: new messages appended, changed flags reported, expunges removed (or
     * kept as pending when {@code expungesAllowed} is false). {@code claimed}: \Recent messages this view just
     * took; a read-only view sees the unclaimed ones as \Recent too. Caller holds the index lock.
     */
    SyncResult catchUp(MailboxIndex index, long currentUidNext, Collection<Long> claimed, boolean readOnly,
            boolean expungesAllowed) throws MailStorageException {
        int oldCount = count;
        int oldRecent = recentInView;
        recent.addAll(claimed);
        if (index.generation() == seenGeneration && claimed.isEmpty() && (pendingExpunged.isEmpty() || !expungesAllowed)) {
            return new SyncResult(List.of(), UidSet.EMPTY, count, false, oldRecent, false, List.of(), uidNext, highestModSeq);
        }
        if (uidValidity != 0 && index.uidValidity() != uidValidity) {
            throw new MailStorageException("UIDVALIDITY of " + index.name() + " changed; the mailbox must be selected again");
        }
        List<Integer> expungeSeqs = new ArrayList<>();
        UidSet.Builder expunged = new UidSet.Builder();
        long[] nu = new long[Math.max(16, index.size() + pendingExpunged.size())];
        MessageRecord[] nr = new MessageRecord[nu.length];
        List<long[]> changedAt = new ArrayList<>();
        int n = 0;
        int removedSoFar = 0;
        for (int i = 0; i < count; i++) {
            long uid = uids[i];
            IndexRecord m = index.get(uid);
            if (m == null) {
                if (expungesAllowed) {
                    expungeSeqs.add(i + 1 - removedSoFar);
                    removedSoFar++;
                    expunged.add(uid);
                    recent.remove(uid);
                    pendingExpunged.remove(uid);
                    continue;
                }
                pendingExpunged.add(uid);
                nu[n] = uid;
                nr[n++] = records[i];
                continue;
            }
            MessageRecord r = records[i];
            if (m.modSeq() != r.modSeq()) {
                r = m.toMessageRecord();
                if (!r.flags().equals(records[i].flags())) changedAt.add(new long[] {n, uid});
            }
            nu[n] = uid;
            nr[n++] = r;
        }
        long last = count == 0 ? 0 : uids[count - 1];
        for (IndexRecord m : index.records().tailMap(last, false).values()) {
            if (n == nu.length) {
                nu = Arrays.copyOf(nu, n * 2);
                nr = Arrays.copyOf(nr, n * 2);
            }
            nu[n] = m.uid();
            nr[n++] = m.toMessageRecord();
        }
        if (readOnly) recent.addAll(index.unclaimedRecent());
        uids = nu;
        records = nr;
        count = n;
        uidNext = currentUidNext;
        highestModSeq = index.highestModSeq();
        uidValidity = index.uidValidity();
        seenGeneration = index.generation();
        List<FlagUpdate> updates = new ArrayList<>();
        for (long[] c : changedAt) {
            int idx = (int) c[0];
            updates.add(new FlagUpdate(idx + 1, c[1], records[idx].flags(), records[idx].modSeq()));
        }
        recentInView = countRecentInView();
        return new SyncResult(expungeSeqs, expunged.build(), count, count != oldCount - expungeSeqs.size(),
                recentInView, recentInView != oldRecent, updates, uidNext, highestModSeq);
    }

    private int countRecentInView() {
        int n = 0;
        if (recent.size() < count) {
            for (long u : recent) if (seq(u) > 0) n++;
        } else {
            for (int i = 0; i < count; i++) if (recent.contains(uids[i])) n++;
        }
        return n;
    }
}
