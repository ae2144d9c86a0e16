package org.loftmail.core.storage.index;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.loftmail.core.mail.FlagChange;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.mime.BinaryContent;
import org.loftmail.core.mime.MessageSummary;
import org.loftmail.core.storage.CopyResult;
import org.loftmail.core.storage.CrlfInputStream;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.Mailbox;
import org.loftmail.core.storage.MailboxOperationException;
import org.loftmail.core.storage.MessageExpungedException;
import org.loftmail.core.storage.MessageRecord;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.StoreResult;
import org.loftmail.core.storage.SyncResult;
import org.loftmail.core.storage.search.SearchKey;

/**
 * {@link SelectedMailbox} for every backend built on the shared index: the session's {@link SelectedMailboxView},
 * the shared {@link MailboxIndex}, and the {@link MailboxBackend} for what touches the disk.
 */
public final class IndexedSelectedMailbox implements SelectedMailbox {

    /** Attempts to reach a message whose location keeps moving (another process renaming it) before giving up. */
    static final int OPEN_ATTEMPTS = 5;

    private final Mailbox mailbox;
    private final MailboxBackend backend;
    private final MailboxIndex index;
    private final boolean readOnly;
    private final SelectedMailboxView view = new SelectedMailboxView();
    private boolean closed;

    /** Opens a view and brings it up to date (a writable one takes the \Recent messages). */
    public IndexedSelectedMailbox(Mailbox mailbox, MailboxBackend backend, boolean readOnly) throws MailStorageException {
        this.mailbox = mailbox;
        this.backend = backend;
        this.index = backend.index();
        this.readOnly = readOnly;
        index.viewOpened();
        try {
            sync(true);
        } catch (MailStorageException | RuntimeException e) {
            index.viewClosed();
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
        return view.uidValidity();
    }

    @Override
    public long uidNext() {
        return view.uidNext();
    }

    @Override
    public long highestModSeq() {
        return view.highestModSeq();
    }

    @Override
    public int count() {
        return view.count();
    }

    @Override
    public int recentCount() {
        return view.recentCount();
    }

    @Override
    public long uid(int seq) {
        return view.uid(seq);
    }

    @Override
    public int seq(long uid) {
        return view.seq(uid);
    }

    @Override
    public MessageRecord record(int seq) {
        return view.record(seq);
    }

    @Override
    public boolean isRecent(long uid) {
        return view.isRecent(uid);
    }

    @Override
    public int firstUnseen() {
        return view.firstUnseen();
    }

    @Override
    public UidSet uids() {
        return view.uids();
    }

    @Override
    public UidSet uidsAt(UidSet sequenceNumbers) {
        return view.uidsAt(sequenceNumbers);
    }

    @Override
    public UidSet existing(UidSet set) {
        return view.existing(set);
    }

    @Override
    public UidSet expungedSince(long modSeq) throws MailStorageException {
        checkOpen();
        index.lock().lock();
        try {
            backend.refresh();
            return index.expungedSince(modSeq);
        } finally {
            index.lock().unlock();
        }
    }

    @Override
    public Set<String> keywords() {
        index.lock().lock();
        try {
            return Set.copyOf(backend.keywords());
        } finally {
            index.lock().unlock();
        }
    }

    @Override
    public boolean canCreateKeywords() {
        index.lock().lock();
        try {
            return backend.canCreateKeywords();
        } finally {
            index.lock().unlock();
        }
    }

    @Override
    public SyncResult sync(boolean expungesAllowed) throws MailStorageException {
        checkOpen();
        index.lock().lock();
        try {
            backend.refresh();
            Collection<Long> claimed = List.of();
            if (!readOnly && !index.unclaimedRecent().isEmpty()) {
                claimed = index.claimRecent();
                backend.recentClaimed(claimed);
            }
            return view.catchUp(index, backend.uidNext(), claimed, readOnly, expungesAllowed);
        } finally {
            index.lock().unlock();
        }
    }

    @Override
    public StoreResult store(UidSet set, FlagChange change, Flags flags, OptionalLong unchangedSince) throws MailStorageException {
        checkWritable();
        MailboxBackend.FlagWrite result = backend.changeFlags(existing(set), current -> current.apply(change, flags),
                unchangedSince.orElse(-1));
        return new StoreResult(view.stored(result.changed()), UidSet.of(result.skippedByModSeq()));
    }

    @Override
    public UidSet expunge(Optional<UidSet> limit) throws MailStorageException {
        checkWritable();
        return backend.expunge(limit.map(this::existing).orElseGet(this::uids), true);
    }

    @Override
    public CopyResult copy(UidSet set, Mailbox target) throws MailStorageException {
        return backend.copy(this, existing(set), target);
    }

    @Override
    public CopyResult move(UidSet set, Mailbox target) throws MailStorageException {
        checkWritable();
        CopyResult r = backend.copy(this, existing(set), target);
        backend.expunge(UidSet.of(r.sourceUids()), false);
        return r;
    }

    /** Where a message of the index is now, or empty when it was expunged. */
    private Optional<String> location(long uid) {
        index.lock().lock();
        try {
            IndexRecord r = index.get(uid);
            return r == null ? Optional.empty() : Optional.of(r.location());
        } finally {
            index.lock().unlock();
        }
    }

    private void refreshAfterMove() throws MailStorageException {
        index.lock().lock(); // moved meanwhile (Maildir: renamed by a flag change): find where it is now
        try {
            backend.refresh();
        } finally {
            index.lock().unlock();
        }
    }

    /** What a message is read for. */
    interface Reader<T> {
        T read(String location) throws IOException;
    }

    /** Reads a message at its current location, following it when it moves; empty when it is expunged. */
    private <T> Optional<T> read(long uid, Reader<T> reader) throws MailStorageException {
        for (int attempt = 0; attempt < OPEN_ATTEMPTS; attempt++) {
            Optional<String> at = location(uid);
            if (at.isEmpty()) return Optional.empty();
            try {
                return Optional.of(reader.read(at.get()));
            } catch (NoSuchFileException e) {
                refreshAfterMove();
            } catch (IOException e) {
                throw new MailStorageException("cannot read message " + uid + ": " + e.getMessage(), e);
            }
        }
        return Optional.empty();
    }

    @Override
    public InputStream open(long uid) throws MailStorageException {
        return new CrlfInputStream(openPhysical(uid));
    }

    @Override
    public InputStream openPhysical(long uid) throws MailStorageException {
        checkOpen();
        if (seq(uid) == 0) throw new MailStorageException("no message with UID " + uid + " in the view");
        return read(uid, at -> (InputStream) new BufferedInputStream(backend.open(at), 1 << 16))
                .orElseThrow(() -> new MessageExpungedException(uid));
    }

    @Override
    public UidSet search(SearchKey key) throws MailStorageException {
        checkOpen();
        return new IndexSearch(index, view, this::read, backend).run(key);
    }

    @Override
    public void headers(UidSet uids, Set<String> fields, HeaderVisitor visitor) throws MailStorageException {
        checkOpen();
        new IndexHeaders(index, view, this::read, backend).visit(uids, fields, visitor);
    }

    /** Reads a message for SEARCH (see {@link IndexSearch}). */
    interface MessageReader {
        <T> Optional<T> read(long uid, Reader<T> reader) throws MailStorageException;
    }

    @Override
    public MessageSummary structure(long uid) throws MailStorageException {
        checkOpen();
        try {
            return new ParsedMessageCache(index).summary(view.uidValidity(), uid, () -> openPhysical(uid));
        } catch (MailStorageException e) {
            throw e;
        } catch (IOException e) {
            throw new MailStorageException("cannot read message " + uid + ": " + e.getMessage(), e);
        }
    }

    @Override
    public BinaryContent.Measure binarySize(long uid, String part, BinaryContent content) throws MailStorageException {
        checkOpen();
        try {
            return new ParsedMessageCache(index).binarySize(view.uidValidity(), uid, part, content);
        } catch (MailStorageException e) {
            throw e;
        } catch (IOException e) {
            throw new MailStorageException("cannot read message " + uid + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Map<Long, String> savedPop3Uidls(UidSet set) throws MailStorageException {
        checkOpen();
        index.lock().lock();
        try {
            return backend.savedPop3Uidls(set);
        } finally {
            index.lock().unlock();
        }
    }

    @Override
    public void savePop3Uidls(Map<Long, String> uidls) throws MailStorageException {
        checkOpen();
        index.lock().lock();
        try {
            backend.savePop3Uidls(uidls);
        } finally {
            index.lock().unlock();
        }
    }

    /** The backend's key for the message (Maildir: the base file name). */
    @Override
    public Optional<String> storageId(long uid) throws MailStorageException {
        checkOpen();
        index.lock().lock();
        try {
            IndexRecord r = index.get(uid);
            return r == null ? Optional.empty() : Optional.of(r.key());
        } finally {
            index.lock().unlock();
        }
    }

    @Override
    public Optional<String> headerMd5(long uid) throws MailStorageException {
        checkOpen();
        index.lock().lock();
        try {
            IndexRecord r = index.get(uid);
            return r == null ? Optional.empty() : backend.headerMd5(r);
        } finally {
            index.lock().unlock();
        }
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
        index.viewClosed();
    }
}
