package org.loftmail.maildir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.loftmail.core.storage.AppendRequest;
import org.loftmail.core.storage.AppendResult;
import org.loftmail.core.storage.AppendTransaction;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.index.MessageData;
import org.loftmail.core.storage.index.ParsedMessageCache;

/** MULTIAPPEND on Maildir: every message is written and fsynced in tmp/, then all are moved in under one lock. */
final class MaildirAppendTransaction implements AppendTransaction {

    private final MaildirMailbox mailbox;
    private final List<MaildirState.Incoming> pending = new ArrayList<>();
    /** What {@link ParsedMessageCache#parse} learned of each pending message, in the same order. */
    private final List<Optional<MessageData>> parsed = new ArrayList<>();
    private long bytes;
    private boolean done;

    MaildirAppendTransaction(MaildirMailbox mailbox) {
        this.mailbox = mailbox;
    }

    @Override
    public void add(InputStream message, AppendRequest request) throws MailStorageException {
        if (done) throw new IllegalStateException("transaction already finished");
        MaildirState state = mailbox.checked();
        try {
            MessageWriter.Written w = MessageWriter.write(message, state.paths.tmp(),
                    request.internalDate().orElseGet(Instant::now), mailbox.storage().creator());
            pending.add(new MaildirState.Incoming(w.tmpFile(), w.name(), request.flags()));
            parsed.add(ParsedMessageCache.parse(w.tmpFile()));
            bytes += w.size();
        } catch (IOException e) {
            throw new MailStorageException("cannot write message into " + state.name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<AppendResult> commit() throws MailStorageException {
        if (done) throw new IllegalStateException("transaction already finished");
        try {
            if (pending.isEmpty()) return List.of();
            mailbox.storage().checkQuota(mailbox.name(), bytes, pending.size());
            MaildirState state = mailbox.checked();
            List<Long> uids = state.deliverAll(pending);
            mailbox.storage().quota().added(mailbox.name(), bytes, uids.size());
            List<AppendResult> out = new ArrayList<>(uids.size());
            ParsedMessageCache cache = new ParsedMessageCache(state.index);
            for (int i = 0; i < uids.size(); i++) {
                long uid = uids.get(i);
                out.add(new AppendResult(state.index.uidValidity(), uid));
                parsed.get(i).ifPresent(d -> cache.saved(state.index.uidValidity(), uid, d));
            }
            return out;
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        done = true;
        for (MaildirState.Incoming in : pending) {
            try {
                Files.deleteIfExists(in.tmpFile());
            } catch (IOException ignored) {
                // tmp/ is cleaned after 36 hours anyway
            }
        }
        pending.clear();
        parsed.clear();
    }
}
