package org.loftmail.testkit.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.mime.MimeParser;
import org.loftmail.core.storage.AppendRequest;
import org.loftmail.core.storage.AppendResult;
import org.loftmail.core.storage.AppendTransaction;
import org.loftmail.core.storage.CopyResult;
import org.loftmail.core.storage.ListenerRegistration;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.Mailbox;
import org.loftmail.core.storage.MailboxChange;
import org.loftmail.core.storage.MailboxListener;
import org.loftmail.core.storage.MailboxNotFoundException;
import org.loftmail.core.storage.MailboxStatus;
import org.loftmail.core.storage.MessageRecord;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.SpecialUse;
import org.loftmail.core.storage.index.ChangeFeed;
import org.loftmail.core.storage.index.DiskStamp;
import org.loftmail.core.storage.index.IndexFileCreator;
import org.loftmail.core.storage.index.IndexRecord;
import org.loftmail.core.storage.index.IndexedSelectedMailbox;
import org.loftmail.core.storage.index.MailboxBackend;
import org.loftmail.core.storage.index.MailboxIndex;
import org.loftmail.core.storage.search.MimeContentMatcher;
import org.loftmail.core.storage.search.SearchKey;

/**
 * One mailbox of the memory backend: the message bytes by key, the keywords ever used, the saved POP3 UIDLs and
 * UIDNEXT, over core's shared index (which does sequence numbers, MODSEQs, \Recent, the expunge history, the
 * change feed, SEARCH and the cache). Shared by every session of the provider, so it is both the {@link Mailbox}
 * handle and the {@link MailboxBackend}. Nothing else writes the memory, so {@link #refresh()} finds nothing; a
 * record's key and location are the same string. After DELETE or RENAME the object is retired: handles and views
 * still holding it get {@link MailboxNotFoundException}, as Maildir's do once the directory is gone.
 */
final class MemoryMailbox implements Mailbox, MailboxBackend, DiskStamp {

    private final MailboxName name;
    private final Set<SpecialUse> specialUse;
    private final MailboxIndex index;
    private final Map<String, byte[]> contents = new HashMap<>();
    private final Set<String> keywords = new LinkedHashSet<>();
    private final Map<Long, String> pop3Uidls = new HashMap<>();
    private long uidNext = 1;
    private boolean retired;

    /**
     * @param indexDir where the shared index writes its files (a cache the memory backend never reads back)
     */
    MemoryMailbox(MailboxName name, long uidValidity, Set<SpecialUse> specialUse, Path indexDir, IndexFileCreator files) {
        this.name = name;
        this.specialUse = Set.copyOf(specialUse);
        this.index = new MailboxIndex(name, indexDir, files, ChangeFeed.Watch.NONE);
        index.diskStamp(this);
        index.lock().lock();
        try {
            index.uidValidity(uidValidity);
            index.commit();
        } finally {
            index.lock().unlock();
        }
    }

    @Override
    public MailboxName name() {
        return name;
    }

    @Override
    public Set<SpecialUse> specialUse() {
        return specialUse;
    }

    @Override
    public MailboxStatus status() throws MailStorageException {
        index.lock().lock();
        try {
            refresh();
            return index.status();
        } finally {
            index.lock().unlock();
        }
    }

    @Override
    public SelectedMailbox select(boolean readOnly) throws MailStorageException {
        return new IndexedSelectedMailbox(this, this, readOnly);
    }

    @Override
    public AppendResult append(InputStream message, AppendRequest request) throws MailStorageException {
        StoredMessage m = read(message, request);
        return new AppendResult(index.uidValidity(), deliver(List.of(m)).get(0));
    }

    static StoredMessage read(InputStream message, AppendRequest request) throws MailStorageException {
        try {
            return new StoredMessage(StoredMessage.readLf(message), request.internalDate().orElseGet(Instant::now),
                    request.flags());
        } catch (IOException e) {
            throw new MailStorageException("cannot read the message: " + e.getMessage(), e);
        }
    }

    @Override
    public AppendTransaction beginAppend() {
        return new MemoryAppendTransaction(this);
    }

    @Override
    public ListenerRegistration addListener(MailboxListener listener) {
        return index.feed().add(listener);
    }

    /** Stores messages under consecutive new UIDs, all or none, and announces them. Caller does not hold the lock. */
    List<Long> deliver(List<StoredMessage> batch) throws MailStorageException {
        List<Long> uids = new ArrayList<>(batch.size());
        index.lock().lock();
        try {
            refresh();
            for (StoredMessage m : batch) {
                long uid = uidNext++;
                String key = UUID.randomUUID().toString().replace("-", "");
                contents.put(key, m.content());
                keywords.addAll(m.flags().keywords());
                index.add(new IndexRecord(uid, key, key, m.flags(), m.internalDate(), m.content().length, m.virtualSize(),
                        index.nextModSeq(), key), true);
                uids.add(uid);
            }
            index.changed();
            index.commit();
        } finally {
            index.lock().unlock();
        }
        index.feed().publish(MailboxChange.Kind.APPENDED, UidSet.of(uids));
        return uids;
    }

    /**
     * Moves everything into a new mailbox object under {@code newName} (RENAME keeps UIDVALIDITY, UIDs, flags and
     * UIDNEXT) and retires this one.
     */
    MemoryMailbox renamedTo(MailboxName newName, Path indexDir, IndexFileCreator files) {
        index.lock().lock();
        try {
            MemoryMailbox moved = new MemoryMailbox(newName, index.uidValidity(), specialUse, indexDir, files);
            moved.index.lock().lock();
            try {
                for (IndexRecord r : index.records().values()) {
                    moved.index.add(new IndexRecord(r.uid(), r.key(), r.location(), r.flags(), r.internalDate(),
                            r.physicalSize(), r.virtualSize(), moved.index.nextModSeq(), r.guid()), false);
                }
                moved.contents.putAll(contents);
                moved.keywords.addAll(keywords);
                moved.pop3Uidls.putAll(pop3Uidls);
                moved.uidNext = uidNext;
                moved.index.changed();
                moved.index.commit();
            } finally {
                moved.index.lock().unlock();
            }
            retire();
            return moved;
        } finally {
            index.lock().unlock();
        }
    }

    /** The mailbox was deleted or renamed: every later use of this object fails. */
    void retire() {
        index.lock().lock();
        try {
            retired = true;
            contents.clear();
        } finally {
            index.lock().unlock();
        }
    }

    /** The messages by UID, in UID order, for RENAME INBOX. */
    Map<Long, StoredMessage> messages() {
        index.lock().lock();
        try {
            Map<Long, StoredMessage> out = new LinkedHashMap<>();
            for (IndexRecord r : index.records().values()) {
                out.put(r.uid(), new StoredMessage(contents.get(r.location()), r.internalDate(), r.flags()));
            }
            return out;
        } finally {
            index.lock().unlock();
        }
    }

    // ---------------------------------------------------------------- what the index writes about "the disk"

    /** The memory has no state outside the index to describe. */
    @Override
    public String current() {
        return "memory";
    }

    @Override
    public boolean settled() {
        return true;
    }

    // ---------------------------------------------------------------- the backend contract

    @Override
    public MailboxIndex index() {
        return index;
    }

    /** Nobody else writes this memory, so there is nothing to find; a retired mailbox is gone. */
    @Override
    public void refresh() throws MailStorageException {
        if (retired) throw new MailboxNotFoundException(name);
        index.commitIfDirty();
    }

    @Override
    public long uidNext() {
        return uidNext;
    }

    /** \Recent lives only in the index here; nothing moves. */
    @Override
    public void recentClaimed(Collection<Long> uids) {}

    @Override
    public FlagWrite changeFlags(UidSet uids, UnaryOperator<Flags> newFlags, long unchangedSince) throws MailStorageException {
        List<MessageRecord> changed = new ArrayList<>();
        List<Long> skipped = new ArrayList<>();
        index.lock().lock();
        try {
            refresh();
            for (long[] range : uids.ranges()) {
                for (IndexRecord r : new ArrayList<>(index.records().subMap(range[0], true, range[1], true).values())) {
                    if (unchangedSince >= 0 && r.modSeq() > unchangedSince) {
                        skipped.add(r.uid());
                        continue;
                    }
                    Flags want = newFlags.apply(r.flags());
                    if (want.equals(r.flags())) continue;
                    keywords.addAll(want.keywords());
                    index.setFlags(r, want);
                    changed.add(r.toMessageRecord());
                }
            }
            if (!changed.isEmpty()) {
                index.changed();
                index.commit();
            }
        } finally {
            index.lock().unlock();
        }
        index.feed().publish(MailboxChange.Kind.FLAGS, UidSet.of(changed.stream().map(MessageRecord::uid).toList()));
        return new FlagWrite(changed, skipped);
    }

    @Override
    public UidSet expunge(UidSet uids, boolean onlyDeleted) throws MailStorageException {
        List<Long> removed = new ArrayList<>();
        index.lock().lock();
        try {
            refresh();
            for (long[] range : uids.ranges()) {
                for (IndexRecord r : index.records().subMap(range[0], true, range[1], true).values()) {
                    if (onlyDeleted && !r.flags().contains(SystemFlag.DELETED)) continue;
                    removed.add(r.uid());
                    contents.remove(r.location());
                    pop3Uidls.remove(r.uid());
                }
            }
            if (!removed.isEmpty()) {
                index.expunge(removed);
                index.changed();
                index.commit();
            }
        } finally {
            index.lock().unlock();
        }
        UidSet done = UidSet.of(removed);
        index.feed().publish(MailboxChange.Kind.EXPUNGED, done);
        return done;
    }

    /** Into another memory mailbox in one batch (consecutive UIDs, one announcement); elsewhere by APPEND. */
    @Override
    public CopyResult copy(SelectedMailbox source, UidSet uids, Mailbox target) throws MailStorageException {
        List<Long> sources = new ArrayList<>();
        List<StoredMessage> batch = new ArrayList<>();
        index.lock().lock();
        try {
            refresh();
            for (long uid : uids.stream().toArray()) {
                IndexRecord r = index.get(uid);
                if (r == null || source.seq(uid) == 0) continue; // expunged meanwhile: COPYUID leaves it out
                sources.add(uid);
                batch.add(new StoredMessage(contents.get(r.location()), r.internalDate(), r.flags()));
            }
        } finally {
            index.lock().unlock();
        }
        List<Long> to = new ArrayList<>();
        long validity;
        if (target instanceof MemoryMailbox t) {
            to.addAll(batch.isEmpty() ? List.of() : t.deliver(batch));
            validity = t.index.uidValidity();
        } else {
            validity = target.status().uidValidity();
            for (StoredMessage m : batch) {
                AppendResult a = target.append(new ByteArrayInputStream(m.content()),
                        new AppendRequest(Optional.of(m.internalDate()), m.flags()));
                validity = a.uidValidity();
                to.add(a.uid());
            }
        }
        return new CopyResult(validity, sources, to);
    }

    @Override
    public InputStream open(String location) throws IOException {
        return new ByteArrayInputStream(bytes(location));
    }

    private byte[] bytes(String location) throws NoSuchFileException {
        index.lock().lock();
        try {
            byte[] b = contents.get(location);
            if (b == null) throw new NoSuchFileException(location);
            return b;
        } finally {
            index.lock().unlock();
        }
    }

    @Override
    public boolean contentMatches(String location, SearchKey key) throws IOException {
        byte[] b = bytes(location);
        return MimeContentMatcher.matches(key, MimeParser.parse(new ByteArrayInputStream(b)),
                span -> new ByteArrayInputStream(b, (int) span.offset(), (int) span.rawSize()));
    }

    @Override
    public Set<String> keywords() {
        return Set.copyOf(keywords);
    }

    /** Memory has room for any number of keywords. */
    @Override
    public boolean canCreateKeywords() {
        return true;
    }

    @Override
    public Map<Long, String> savedPop3Uidls(UidSet uids) {
        Map<Long, String> out = new HashMap<>();
        pop3Uidls.forEach((uid, uidl) -> {
            if (uids.contains(uid)) out.put(uid, uidl);
        });
        return out;
    }

    @Override
    public void savePop3Uidls(Map<Long, String> uidls) throws MailStorageException {
        refresh();
        uidls.forEach((uid, uidl) -> {
            if (index.contains(uid) && validUidl(uidl)) pop3Uidls.put(uid, uidl);
        });
    }

    /** RFC 1939 7: a UIDL is 1 to 70 characters in 0x21-0x7E. */
    private static boolean validUidl(String uidl) {
        return !uidl.isEmpty() && uidl.length() <= 70 && uidl.chars().allMatch(c -> c >= 0x21 && c <= 0x7E);
    }
}
