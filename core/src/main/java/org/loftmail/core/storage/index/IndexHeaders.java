package org.loftmail.core.storage.index;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PrimitiveIterator;
import java.util.Set;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.mime.HeaderField;
import org.loftmail.core.mime.MimeHeader;
import org.loftmail.core.mime.MimeParser;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.MessageRecord;
import org.loftmail.core.storage.SelectedMailbox;

/**
 * Header fields of many messages for SORT and THREAD: from the parsed message data ({@link ParsedMessageCache}),
 * else from the message's header alone, read once and written back with the standard fields so the next run opens
 * no file (the same path as SEARCH's header keys, {@link IndexSearch}).
 */
final class IndexHeaders {

    private final MailboxIndex index;
    private final SelectedMailboxView view;
    private final IndexedSelectedMailbox.MessageReader messages;
    private final MailboxBackend backend;

    IndexHeaders(MailboxIndex index, SelectedMailboxView view, IndexedSelectedMailbox.MessageReader messages,
            MailboxBackend backend) {
        this.index = index;
        this.view = view;
        this.messages = messages;
        this.backend = backend;
    }

    void visit(UidSet uids, Set<String> fields, SelectedMailbox.HeaderVisitor visitor) throws MailStorageException {
        ParsedMessageCache.HeaderReads reads = new ParsedMessageCache(index).headerReads(view.uidValidity());
        try {
            for (PrimitiveIterator.OfLong it = uids.stream().iterator(); it.hasNext(); ) {
                long uid = it.nextLong();
                int seq = view.seq(uid);
                if (seq == 0 || view.pendingExpunge(uid)) continue;
                MessageRecord r = view.record(seq);
                Optional<MimeHeader> h = fields(uid, fields, reads);
                if (h.isEmpty()) continue; // expunged before its header could be read
                visitor.visit(r, h.get());
            }
        } finally {
            reads.flush();
        }
    }

    private Optional<MimeHeader> fields(long uid, Set<String> fields, ParsedMessageCache.HeaderReads reads)
            throws MailStorageException {
        List<HeaderField> out = new ArrayList<>();
        boolean allCached = true;
        for (String f : fields) {
            Optional<MimeHeader> cached = reads.cached(uid, f);
            if (cached.isEmpty()) {
                allCached = false;
                break;
            }
            out.addAll(cached.get().fields());
        }
        if (allCached) return Optional.of(new MimeHeader(out));
        Optional<MimeHeader> header = messages.read(uid, at -> {
            try (InputStream in = backend.open(at)) {
                return MimeParser.parseHeader(in);
            }
        });
        if (header.isEmpty()) return Optional.empty();
        for (String f : fields) reads.read(uid, f, header.get());
        List<HeaderField> kept = new ArrayList<>();
        for (HeaderField hf : header.get().fields()) {
            if (fields.contains(hf.name().toLowerCase(java.util.Locale.ROOT))) kept.add(hf);
        }
        return Optional.of(new MimeHeader(kept));
    }
}
