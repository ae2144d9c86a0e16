package org.loftmail.maildir;

import java.nio.file.StandardOpenOption;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.AppendRequest;
import org.loftmail.core.storage.AppendResult;
import org.loftmail.core.storage.AppendTransaction;
import org.loftmail.core.storage.CopyResult;
import org.loftmail.core.storage.ListenerRegistration;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.Mailbox;
import org.loftmail.core.storage.MailboxListener;
import org.loftmail.core.storage.MailboxStatus;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.SpecialUse;
import org.loftmail.core.storage.index.IndexRecord;
import org.loftmail.core.storage.index.IndexedSelectedMailbox;
import org.loftmail.core.storage.index.MailboxBackend;
import org.loftmail.core.storage.index.MailboxIndex;
import org.loftmail.core.storage.index.MessageData;
import org.loftmail.core.storage.index.ParsedMessageCache;
import org.loftmail.core.storage.search.MimeContentMatcher;
import org.loftmail.core.storage.search.SearchKey;

/**
 * A Maildir mailbox handle: status, select, durable append, listeners; and, for the views the shared index layer
 * builds ({@link IndexedSelectedMailbox}), the Maildir half of the backend contract, with quota kept by this
 * user's storage.
 */
final class MaildirMailbox implements Mailbox, MailboxBackend {

    private final MaildirStorage storage;
    private final MailboxName name;
    private final MailboxPaths paths;
    /** The state a view works on, for its whole life (null: look it up each time). */
    private final MaildirState pinned;

    MaildirMailbox(MaildirStorage storage, MailboxName name, MailboxPaths paths) {
        this(storage, name, paths, null);
    }

    private MaildirMailbox(MaildirStorage storage, MailboxName name, MailboxPaths paths, MaildirState pinned) {
        this.storage = storage;
        this.name = name;
        this.paths = paths;
        this.pinned = pinned;
    }

    /**
     * The shared state, looked up each time: the provider may have dropped an idle one meanwhile. A view keeps
     * the one it opened on (it is never idle while the view is open), even if the mailbox is deleted or renamed.
     */
    MaildirState state() {
        return pinned != null ? pinned : storage.state(name, paths);
    }

    private MaildirState checkedForIo() throws IOException {
        try {
            return checked();
        } catch (MailStorageException e) {
            throw new java.nio.file.AccessDeniedException(paths.mailDir().toString(), null, e.getMessage());
        }
    }

    /** The state, once the mailbox's directories are known to be the user's (ADR 0305): for every read and write. */
    MaildirState checked() throws MailStorageException {
        storage.checkConfined(name, paths);
        return state();
    }

    MaildirStorage storage() {
        return storage;
    }

    @Override
    public MailboxName name() {
        return name;
    }

    @Override
    public Set<SpecialUse> specialUse() {
        return storage.specialUse(name);
    }

    @Override
    public MailboxStatus status() throws MailStorageException {
        MaildirState state = checked();
        state.index.lock().lock();
        try {
            state.refresh();
            return state.index.status();
        } finally {
            state.index.lock().unlock();
        }
    }

    /** The G field of dovecot-uidlist's header, the GUID Dovecot reports for the mailbox. */
    @Override
    public Optional<String> guid() throws MailStorageException {
        MaildirState state = checked();
        state.index.lock().lock();
        try {
            state.refresh();
            state.reloadUidlist();
            String guid = state.uidlist.mailboxGuid();
            return guid.isEmpty() ? Optional.empty() : Optional.of(guid);
        } catch (IOException e) {
            throw new MailStorageException("cannot read the uidlist of " + state.name + ": " + e.getMessage(), e);
        } finally {
            state.index.lock().unlock();
        }
    }

    @Override
    public SelectedMailbox select(boolean readOnly) throws MailStorageException {
        return new IndexedSelectedMailbox(this, new MaildirMailbox(storage, name, paths, checked()), readOnly);
    }

    @Override
    public AppendResult append(InputStream message, AppendRequest request) throws MailStorageException {
        MaildirState state = checked();
        MessageWriter.Written w;
        try {
            w = MessageWriter.write(message, state.paths.tmp(), request.internalDate().orElseGet(Instant::now), storage.creator());
        } catch (IOException e) {
            throw new MailStorageException("cannot write message into " + state.name + ": " + e.getMessage(), e);
        }
        boolean delivered = false;
        try {
            storage.checkQuota(state.name, w.size(), 1);
            Optional<MessageData> parsed = ParsedMessageCache.parse(w.tmpFile()); // before the move: the file is warm
            long uid = state.deliver(w.tmpFile(), w.name(), request.flags());
            delivered = true; // the file was moved out of tmp/
            parsed.ifPresent(d -> new ParsedMessageCache(state.index).saved(state.index.uidValidity(), uid, d));
            storage.quota().added(state.name, w.size(), 1);
            return new AppendResult(state.index.uidValidity(), uid);
        } finally {
            if (!delivered) {
                try {
                    Files.deleteIfExists(w.tmpFile());
                } catch (IOException ignored) {
                    // tmp/ is cleaned after 36 hours anyway
                }
            }
        }
    }

    @Override
    public AppendTransaction beginAppend() {
        return new MaildirAppendTransaction(this);
    }

    @Override
    public ListenerRegistration addListener(MailboxListener listener) {
        return state().index.feed().add(listener);
    }

    // ---------------------------------------------------------------- the backend contract

    @Override
    public MailboxIndex index() {
        return state().index;
    }

    @Override
    public void refresh() throws MailStorageException {
        checked().refresh();
    }

    @Override
    public long uidNext() {
        return state().uidNext();
    }

    @Override
    public void recentClaimed(Collection<Long> uids) throws MailStorageException {
        checked().moveToCur(uids);
    }

    @Override
    public FlagWrite changeFlags(UidSet uids, UnaryOperator<Flags> newFlags, long unchangedSince) throws MailStorageException {
        return checked().changeFlags(uids, newFlags, unchangedSince);
    }

    @Override
    public UidSet expunge(UidSet uids, boolean onlyDeleted) throws MailStorageException {
        MaildirState.Expunged done = checked().expunge(uids, onlyDeleted);
        storage.quota().added(name, -done.bytes(), -(int) done.uids().size());
        return done.uids();
    }

    @Override
    public CopyResult copy(SelectedMailbox source, UidSet uids, Mailbox target) throws MailStorageException {
        return MaildirCopier.copy(checked(), source, uids, target);
    }

    @Override
    public InputStream open(String location) throws IOException {
        MaildirState st = checkedForIo();
        return java.nio.channels.Channels.newInputStream(st.creator.confinement().open(st.file(location), StandardOpenOption.READ));
    }

    @Override
    public boolean contentMatches(String location, SearchKey key) throws IOException {
        MaildirState st = checkedForIo();
        return st.creator.confinement().withFile(st.file(location), pinned -> MimeContentMatcher.matches(key, pinned));
    }

    @Override
    public Set<String> keywords() {
        return Set.copyOf(state().keywords.all());
    }

    @Override
    public boolean canCreateKeywords() {
        return !state().keywords.isFull();
    }

    /** The uidlist's P field; an empty P means "the base file name" (Dovecot stores %f-like UIDLs that way). */
    @Override
    public Map<Long, String> savedPop3Uidls(UidSet uids) throws MailStorageException {
        MaildirState state = checked();
        Map<Long, String> saved = state.uidlistField(uids, Uidlist.POP3_UIDL);
        saved.replaceAll((uid, uidl) -> uidl.isEmpty() ? baseOf(state, uid) : uidl);
        saved.values().removeIf(String::isEmpty);
        return saved;
    }

    @Override
    public void savePop3Uidls(Map<Long, String> uidls) throws MailStorageException {
        MaildirState state = checked();
        Map<Long, String> fields = new HashMap<>();
        uidls.forEach((uid, uidl) -> {
            if (!uidl.isEmpty()) fields.put(uid, uidl.equals(baseOf(state, uid)) ? "" : uidl);
        });
        state.setUidlistField(fields, Uidlist.POP3_UIDL);
    }

    /** The message's base file name, "" when it is gone. Caller holds the index lock. */
    private static String baseOf(MaildirState state, long uid) {
        IndexRecord r = state.index.get(uid);
        return r == null ? "" : r.key();
    }
}
