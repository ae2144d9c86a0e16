package org.loftmail.maildir;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.loftmail.core.mail.FlagChange;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.mime.MimeHeader;
import org.loftmail.core.mime.MimeParser;
import org.loftmail.core.storage.CopyResult;
import org.loftmail.core.storage.CrlfInputStream;
import org.loftmail.core.storage.FlagUpdate;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.Mailbox;
import org.loftmail.core.storage.MailboxOperationException;
import org.loftmail.core.storage.MessageExpungedException;
import org.loftmail.core.storage.MessageRecord;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.StoreResult;
import org.loftmail.core.storage.SyncResult;
import org.loftmail.core.storage.search.MimeContentMatcher;
import org.loftmail.core.storage.search.SearchCandidate;
import org.loftmail.core.storage.search.SearchEvaluator;
import org.loftmail.core.storage.search.SearchKey;

/** One session's view of a Maildir mailbox: the sequence map and what was last reported. */
final class MaildirSelectedMailbox implements SelectedMailbox {

    private final MaildirMailbox mailbox;
    private final MailboxState state;
    private final boolean readOnly;
    private long[] uids = new long[0];
    private MessageRecord[] records = new MessageRecord[0];
    private int count;
    private final Set<Long> recent = new HashSet<>();
    private final Set<Long> pendingExpunged = new HashSet<>();
    private long uidNext;
    private long highestModSeq;
    private long uidValidity;
    private long seenGeneration = -1;
    private boolean closed;

    MaildirSelectedMailbox(MaildirMailbox mailbox, boolean readOnly) throws MailStorageException {
        this.mailbox = mailbox;
        this.state = mailbox.state();
        this.readOnly = readOnly;
        state.viewOpened();
        try {
            sync(true);
        } catch (MailStorageException | RuntimeException e) {
            state.viewClosed();
            throw e;
        }
    }

    @Override
    public Mailbox mailbox() {
        return mailbox;
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public long uidValidity() {
        return uidValidity;
    }

    @Override
    public long uidNext() {
        return uidNext;
    }

    @Override
    public long highestModSeq() {
        return highestModSeq;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public int recentCount() {
        return recentInView;
    }

    /** How many of {@link #recent} are in the view; {@code recent} changes only in {@link #sync}, which recounts. */
    private int recentInView;

    private int countRecentInView() {
        int n = 0;
        if (recent.size() < count) {
            for (long u : recent) if (seq(u) > 0) n++;
        } else {
            for (int i = 0; i < count; i++) if (recent.contains(uids[i])) n++;
        }
        return n;
    }

    @Override
    public long uid(int seq) {
        if (seq < 1 || seq > count) throw new IndexOutOfBoundsException("no message " + seq);
        return uids[seq - 1];
    }

    @Override
    public int seq(long uid) {
        int i = Arrays.binarySearch(uids, 0, count, uid);
        return i >= 0 ? i + 1 : 0;
    }

    @Override
    public MessageRecord record(int seq) {
        if (seq < 1 || seq > count) throw new IndexOutOfBoundsException("no message " + seq);
        return records[seq - 1];
    }

    @Override
    public boolean isRecent(long uid) {
        return recent.contains(uid);
    }

    @Override
    public int firstUnseen() {
        for (int i = 0; i < count; i++) if (!records[i].flags().contains(SystemFlag.SEEN)) return i + 1;
        return 0;
    }

    @Override
    public UidSet uids() {
        UidSet.Builder b = new UidSet.Builder();
        for (int i = 0; i < count; i++) b.add(uids[i]);
        return b.build();
    }

    @Override
    public UidSet uidsAt(UidSet sequenceNumbers) {
        UidSet.Builder b = new UidSet.Builder();
        for (long[] r : sequenceNumbers.ranges()) {
            for (long s = r[0]; s <= Math.min(r[1], count); s++) b.add(uids[(int) s - 1]);
        }
        return b.build();
    }

    @Override
    public UidSet existing(UidSet set) {
        UidSet.Builder b = new UidSet.Builder();
        for (long[] r : set.ranges()) {
            int from = Arrays.binarySearch(uids, 0, count, r[0]);
            if (from < 0) from = -from - 1;
            for (int i = from; i < count && uids[i] <= r[1]; i++) b.add(uids[i]);
        }
        return b.build();
    }

    @Override
    public UidSet expungedSince(long modSeq) throws MailStorageException {
        checkOpen();
        state.lock.lock();
        try {
            state.refresh();
            return state.expungedSince(modSeq);
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public Set<String> keywords() {
        state.lock.lock();
        try {
            return Set.copyOf(state.keywords.all());
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public boolean canCreateKeywords() {
        state.lock.lock();
        try {
            return !state.keywords.isFull();
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public SyncResult sync(boolean expungesAllowed) throws MailStorageException {
        checkOpen();
        state.lock.lock();
        try {
            state.refresh();
            int oldCount = count;
            int oldRecent = recentCount();
            List<Long> claimed = List.of();
            if (!readOnly && !state.unclaimedRecent.isEmpty()) {
                claimed = new ArrayList<>(state.unclaimedRecent);
                state.unclaimedRecent.clear();
                recent.addAll(claimed);
                state.moveToCur(claimed);
            }
            if (state.generation == seenGeneration && claimed.isEmpty() && (pendingExpunged.isEmpty() || !expungesAllowed)) {
                return new SyncResult(List.of(), UidSet.EMPTY, count, false, oldRecent, false, List.of(), uidNext, highestModSeq);
            }
            if (uidValidity != 0 && state.uidValidity != uidValidity) {
                throw new MailStorageException("UIDVALIDITY of " + state.name + " changed; the mailbox must be selected again");
            }
            List<Integer> expungeSeqs = new ArrayList<>();
            UidSet.Builder expunged = new UidSet.Builder();
            long[] nu = new long[Math.max(16, state.messages.size() + pendingExpunged.size())];
            MessageRecord[] nr = new MessageRecord[nu.length];
            List<long[]> changedAt = new ArrayList<>();
            int n = 0;
            int removedSoFar = 0;
            for (int i = 0; i < count; i++) {
                long uid = uids[i];
                MaildirMessage m = state.messages.get(uid);
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
                if (m.modSeq != r.modSeq()) {
                    r = m.record();
                    if (!r.flags().equals(records[i].flags())) changedAt.add(new long[] {n, uid});
                }
                nu[n] = uid;
                nr[n++] = r;
            }
            long last = count == 0 ? 0 : uids[count - 1];
            for (MaildirMessage m : state.messages.tailMap(last, false).values()) {
                if (n == nu.length) {
                    nu = Arrays.copyOf(nu, n * 2);
                    nr = Arrays.copyOf(nr, n * 2);
                }
                nu[n] = m.uid;
                nr[n++] = m.record();
            }
            if (readOnly) {
                for (long u : state.unclaimedRecent) recent.add(u);
            }
            uids = nu;
            records = nr;
            count = n;
            uidNext = state.uidNext();
            highestModSeq = state.highestModSeq;
            uidValidity = state.uidValidity;
            seenGeneration = state.generation;
            List<FlagUpdate> updates = new ArrayList<>();
            for (long[] c : changedAt) {
                int idx = (int) c[0];
                updates.add(new FlagUpdate(idx + 1, c[1], records[idx].flags(), records[idx].modSeq()));
            }
            recentInView = countRecentInView();
            int newRecent = recentInView;
            return new SyncResult(expungeSeqs, expunged.build(), count, count != oldCount - expungeSeqs.size(),
                    newRecent, newRecent != oldRecent, updates, uidNext, highestModSeq);
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public StoreResult store(UidSet set, FlagChange change, Flags flags, OptionalLong unchangedSince) throws MailStorageException {
        checkWritable();
        UidSet targets = existing(set);
        MailboxState.FlagResult result = state.changeFlags(targets, current -> current.apply(change, flags), unchangedSince.orElse(-1));
        List<FlagUpdate> updates = new ArrayList<>();
        for (MaildirMessage m : result.changed()) {
            int s = seq(m.uid);
            if (s == 0) continue;
            records[s - 1] = records[s - 1].withFlags(m.flags, m.modSeq);
            updates.add(new FlagUpdate(s, m.uid, m.flags, m.modSeq));
        }
        return new StoreResult(updates, UidSet.of(result.skippedByModSeq()));
    }

    @Override
    public UidSet expunge(Optional<UidSet> limit) throws MailStorageException {
        checkWritable();
        UidSet targets = limit.map(this::existing).orElseGet(this::uids);
        Map<Long, Long> sizes = new java.util.HashMap<>();
        state.lock.lock();
        try {
            for (long[] r : targets.ranges()) {
                for (MaildirMessage m : state.messages.subMap(r[0], true, r[1], true).values()) sizes.put(m.uid, m.physicalSize);
            }
        } finally {
            state.lock.unlock();
        }
        UidSet done = state.expunge(targets, true);
        long bytes = done.stream().map(u -> sizes.getOrDefault(u, 0L)).sum();
        mailbox.storage().quota().added(state.name, -bytes, -(int) done.size());
        return done;
    }

    @Override
    public CopyResult copy(UidSet set, Mailbox target) throws MailStorageException {
        return MaildirCopier.copy(this, existing(set), target);
    }

    @Override
    public CopyResult move(UidSet set, Mailbox target) throws MailStorageException {
        checkWritable();
        CopyResult r = MaildirCopier.copy(this, existing(set), target);
        UidSet moved = UidSet.of(r.sourceUids());
        long bytes = 0;
        for (long u : r.sourceUids()) {
            int s = seq(u);
            if (s > 0) bytes += records[s - 1].physicalSize();
        }
        UidSet done = state.expunge(moved, false);
        mailbox.storage().quota().added(state.name, -bytes, -(int) done.size());
        return r;
    }

    /** The current file of a message in the view, or empty when it was expunged. */
    Optional<Path> file(long uid) throws MailStorageException {
        state.lock.lock();
        try {
            MaildirMessage m = state.messages.get(uid);
            return m == null ? Optional.empty() : Optional.of(state.fileOf(m));
        } finally {
            state.lock.unlock();
        }
    }

    MaildirMailbox maildirMailbox() {
        return mailbox;
    }

    @Override
    public InputStream open(long uid) throws MailStorageException {
        return new CrlfInputStream(openPhysical(uid));
    }

    @Override
    public InputStream openPhysical(long uid) throws MailStorageException {
        checkOpen();
        if (seq(uid) == 0) throw new MailStorageException("no message with UID " + uid + " in the view");
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Path> p = file(uid);
            if (p.isEmpty()) throw new MessageExpungedException(uid);
            try {
                return new BufferedInputStream(Files.newInputStream(p.get()), 1 << 16);
            } catch (NoSuchFileException e) {
                // renamed by a flag change or moved to cur/ by another process: look again
                state.lock.lock();
                try {
                    state.refresh();
                } finally {
                    state.lock.unlock();
                }
            } catch (IOException e) {
                throw new MailStorageException("cannot read message " + uid + ": " + e.getMessage(), e);
            }
        }
        throw new MessageExpungedException(uid);
    }

    @Override
    public UidSet search(SearchKey key) throws MailStorageException {
        checkOpen();
        SearchEvaluator eval = new SearchEvaluator(ZoneId.systemDefault());
        SearchHeaderCache headers = new SearchHeaderCache(state, uidValidity);
        UidSet.Builder b = new UidSet.Builder();
        try {
            for (int i = 0; i < count; i++) {
                final int seq = i + 1;
                final MessageRecord r = records[i];
                if (pendingExpunged.contains(r.uid())) continue;
                SearchCandidate c = new SearchCandidate() {
                    @Override
                    public MessageRecord record() {
                        return r;
                    }

                    @Override
                    public int seq() {
                        return seq;
                    }

                    @Override
                    public boolean recent() {
                        return recent.contains(r.uid());
                    }

                    @Override
                    public boolean contentMatches(SearchKey k) throws MailStorageException {
                        if (MimeContentMatcher.headerOnly(k)) return headerMatches(r.uid(), k, headers);
                        return contentMatchesFile(r.uid(), k);
                    }
                };
                if (eval.matches(key, c)) b.add(r.uid());
            }
        } finally {
            headers.flush();
        }
        return b.build();
    }

    /** HEADER/SUBJECT/FROM.../SENT* keys: from the header cache, else from the message's header alone. */
    private boolean headerMatches(long uid, SearchKey k, SearchHeaderCache headers) throws MailStorageException {
        String field = MimeContentMatcher.headerField(k);
        Optional<MimeHeader> cached = headers.cached(uid, field);
        if (cached.isPresent()) return MimeContentMatcher.headerMatches(k, cached.get());
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Path> p = file(uid);
            if (p.isEmpty()) return false;
            MimeHeader header;
            try (InputStream in = Files.newInputStream(p.get())) {
                header = MimeParser.parseHeader(in);
            } catch (NoSuchFileException e) {
                refreshAfterRename();
                continue;
            } catch (IOException e) {
                throw new MailStorageException("cannot search message " + uid + ": " + e.getMessage(), e);
            }
            headers.add(uid, field, header);
            return MimeContentMatcher.headerMatches(k, header);
        }
        return false;
    }

    private void refreshAfterRename() throws MailStorageException {
        state.lock.lock(); // renamed by a flag change meanwhile: find its new name
        try {
            state.refresh();
        } finally {
            state.lock.unlock();
        }
    }

    private boolean contentMatchesFile(long uid, SearchKey k) throws MailStorageException {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Path> p = file(uid);
            if (p.isEmpty()) return false;
            try {
                return MimeContentMatcher.matches(k, p.get());
            } catch (NoSuchFileException e) {
                state.lock.lock(); // renamed by a flag change meanwhile: find its new name
                try {
                    state.refresh();
                } finally {
                    state.lock.unlock();
                }
            } catch (IOException e) {
                throw new MailStorageException("cannot search message " + uid + ": " + e.getMessage(), e);
            }
        }
        return false;
    }

    @Override
    public Optional<byte[]> cached(long uid, String slot) {
        state.lock.lock();
        try {
            return state.cache.get(uidValidity, uid, slot);
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public void cache(long uid, String slot, byte[] value) {
        if (seq(uid) == 0) return;
        state.lock.lock();
        try {
            state.cache.put(uidValidity, uid, slot, value);
        } finally {
            state.lock.unlock();
        }
    }

    /** The uidlist's P field; an empty P means "the base file name" (Dovecot stores %f-like UIDLs that way). */
    @Override
    public Map<Long, String> savedPop3Uidls(UidSet set) throws MailStorageException {
        checkOpen();
        state.lock.lock();
        try {
            Map<Long, String> saved = state.uidlistField(set, Uidlist.POP3_UIDL);
            saved.replaceAll((uid, uidl) -> uidl.isEmpty() ? baseOf(uid) : uidl);
            saved.values().removeIf(String::isEmpty);
            return saved;
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public void savePop3Uidls(Map<Long, String> uidls) throws MailStorageException {
        checkOpen();
        state.lock.lock();
        try {
            Map<Long, String> fields = new HashMap<>();
            uidls.forEach((uid, uidl) -> {
                if (!uidl.isEmpty()) fields.put(uid, uidl.equals(baseOf(uid)) ? "" : uidl);
            });
            state.setUidlistField(fields, Uidlist.POP3_UIDL);
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public Optional<String> storageId(long uid) throws MailStorageException {
        checkOpen();
        state.lock.lock();
        try {
            String base = baseOf(uid);
            return base.isEmpty() ? Optional.empty() : Optional.of(base);
        } finally {
            state.lock.unlock();
        }
    }

    /** The message's base file name, "" when it is gone. Caller holds the state lock. */
    private String baseOf(long uid) {
        MaildirMessage m = state.messages.get(uid);
        return m == null ? "" : m.base;
    }

    private void checkOpen() throws MailStorageException {
        if (closed) throw new MailStorageException("mailbox view is closed");
    }

    private void checkWritable() throws MailStorageException {
        checkOpen();
        if (readOnly) throw new MailboxOperationException("Mailbox is read-only");
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        state.viewClosed();
    }
}
