package org.loftmail.testkit.storage;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.loftmail.core.storage.AppendRequest;
import org.loftmail.core.storage.AppendResult;
import org.loftmail.core.storage.AppendTransaction;
import org.loftmail.core.storage.MailStorageException;

/** MULTIAPPEND on the memory backend: messages are read into memory, then stored together under one lock. */
final class MemoryAppendTransaction implements AppendTransaction {

    private final MemoryMailbox mailbox;
    private final List<StoredMessage> pending = new ArrayList<>();
    private boolean done;

    MemoryAppendTransaction(MemoryMailbox mailbox) {
        this.mailbox = mailbox;
    }

    @Override
    public void add(InputStream message, AppendRequest request) throws MailStorageException {
        if (done) throw new IllegalStateException("transaction already finished");
        pending.add(MemoryMailbox.read(message, request));
    }

    @Override
    public List<AppendResult> commit() throws MailStorageException {
        if (done) throw new IllegalStateException("transaction already finished");
        try {
            if (pending.isEmpty()) return List.of();
            long validity = mailbox.index().uidValidity();
            List<AppendResult> out = new ArrayList<>();
            for (long uid : mailbox.deliver(pending)) out.add(new AppendResult(validity, uid));
            return out;
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        done = true;
        pending.clear();
    }
}
