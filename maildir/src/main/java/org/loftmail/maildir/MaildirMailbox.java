package org.loftmail.maildir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Set;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.AppendRequest;
import org.loftmail.core.storage.AppendResult;
import org.loftmail.core.storage.AppendTransaction;
import org.loftmail.core.storage.ListenerRegistration;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.Mailbox;
import org.loftmail.core.storage.MailboxListener;
import org.loftmail.core.storage.MailboxStatus;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.SpecialUse;

/** A Maildir mailbox handle: status, select, durable append, listeners. */
final class MaildirMailbox implements Mailbox {

    private final MaildirStorage storage;
    private final MailboxName name;
    private final MailboxPaths paths;

    MaildirMailbox(MaildirStorage storage, MailboxName name, MailboxPaths paths) {
        this.storage = storage;
        this.name = name;
        this.paths = paths;
    }

    /** The shared state, looked up each time: the provider may have dropped an idle one meanwhile. */
    MailboxState state() {
        return storage.state(name, paths);
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
        MailboxState state = state();
        state.lock.lock();
        try {
            state.refresh();
            return state.status();
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public SelectedMailbox select(boolean readOnly) throws MailStorageException {
        return new MaildirSelectedMailbox(this, readOnly);
    }

    @Override
    public AppendResult append(InputStream message, AppendRequest request) throws MailStorageException {
        MailboxState state = state();
        MessageWriter.Written w;
        try {
            w = MessageWriter.write(message, state.paths.tmp(), request.internalDate().orElseGet(Instant::now), storage.creator());
        } catch (IOException e) {
            throw new MailStorageException("cannot write message into " + state.name + ": " + e.getMessage(), e);
        }
        try {
            storage.checkQuota(state.name, w.size(), 1);
            long uid = state.deliver(w.tmpFile(), w.name(), request.flags());
            storage.quota().added(state.name, w.size(), 1);
            return new AppendResult(state.uidValidity, uid);
        } finally {
            try {
                Files.deleteIfExists(w.tmpFile());
            } catch (IOException ignored) {
                // tmp/ is cleaned after 36 hours anyway
            }
        }
    }

    @Override
    public AppendTransaction beginAppend() {
        return new MaildirAppendTransaction(this);
    }

    @Override
    public ListenerRegistration addListener(MailboxListener listener) {
        MailboxState.ListenerHandle h = state().addListener(listener);
        return h::remove;
    }
}
