package org.loftmail.mbox;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.index.IndexedSelectedMailbox;

/** A handle on one mbox mailbox; the shared {@link MboxState} does the work. */
final class MboxMailbox implements Mailbox {

    private final MailboxName name;
    private final Set<SpecialUse> specialUse;
    private final MboxState state;

    MboxMailbox(MailboxName name, Set<SpecialUse> specialUse, MboxState state) {
        this.name = name;
        this.specialUse = Set.copyOf(specialUse);
        this.state = state;
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
        state.index().lock().lock();
        try {
            state.refresh();
            return state.index().status();
        } finally {
            state.index().lock().unlock();
        }
    }

    @Override
    public SelectedMailbox select(boolean readOnly) throws MailStorageException {
        return new IndexedSelectedMailbox(this, state, readOnly);
    }

    @Override
    public AppendResult append(InputStream message, AppendRequest request) throws MailStorageException {
        StagedMessage m = state.stage(message);
        return state.append(List.of(m), List.of(request)).get(0);
    }

    @Override
    public AppendTransaction beginAppend() {
        return new AppendTransaction() {
            private final List<StagedMessage> staged = new ArrayList<>();
            private final List<AppendRequest> requests = new ArrayList<>();
            private boolean done;

            @Override
            public void add(InputStream message, AppendRequest request) throws MailStorageException {
                if (done) throw new IllegalStateException("transaction already finished");
                staged.add(state.stage(message));
                requests.add(request);
            }

            @Override
            public List<AppendResult> commit() throws MailStorageException {
                if (done) throw new IllegalStateException("transaction already finished");
                done = true;
                if (staged.isEmpty()) return List.of();
                List<StagedMessage> batch = List.copyOf(staged);
                staged.clear();
                return state.append(batch, requests);
            }

            @Override
            public void close() {
                done = true;
                for (StagedMessage m : staged) m.close();
                staged.clear();
            }
        };
    }

    @Override
    public ListenerRegistration addListener(MailboxListener listener) {
        return state.index().feed().add(listener);
    }
}
