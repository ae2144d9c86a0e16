package org.loftmail.core.storage.index;

import java.io.InputStream;
import java.time.ZoneId;
import java.util.Optional;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.mime.MimeHeader;
import org.loftmail.core.mime.MimeParser;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.MessageRecord;
import org.loftmail.core.storage.search.MimeContentMatcher;
import org.loftmail.core.storage.search.SearchCandidate;
import org.loftmail.core.storage.search.SearchEvaluator;
import org.loftmail.core.storage.search.SearchKey;

/**
 * SEARCH over one view: flags, sizes, dates and UIDs from the records; header keys from the parsed message data
 * ({@link ParsedMessageCache}), else
 * from the message's header alone (remembered for the next search); other content keys from the message through
 * the backend. Messages expunged but not yet reported never match.
 */
final class IndexSearch {

    private final MailboxIndex index;
    private final SelectedMailboxView view;
    private final IndexedSelectedMailbox.MessageReader messages;
    private final MailboxBackend backend;

    IndexSearch(MailboxIndex index, SelectedMailboxView view, IndexedSelectedMailbox.MessageReader messages, MailboxBackend backend) {
        this.index = index;
        this.view = view;
        this.messages = messages;
        this.backend = backend;
    }

    UidSet run(SearchKey key) throws MailStorageException {
        SearchEvaluator eval = new SearchEvaluator(ZoneId.systemDefault());
        ParsedMessageCache.HeaderReads headers = new ParsedMessageCache(index).headerReads(view.uidValidity());
        UidSet.Builder b = new UidSet.Builder();
        try {
            for (int i = 0; i < view.count(); i++) {
                final int seq = i + 1;
                final MessageRecord r = view.record(seq);
                if (view.pendingExpunge(r.uid())) continue;
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
                        return view.isRecent(r.uid());
                    }

                    @Override
                    public boolean contentMatches(SearchKey k) throws MailStorageException {
                        if (MimeContentMatcher.headerOnly(k)) return headerMatches(r.uid(), k, headers);
                        return messages.read(r.uid(), at -> backend.contentMatches(at, k)).orElse(false);
                    }
                };
                if (eval.matches(key, c)) b.add(r.uid());
            }
        } finally {
            headers.flush();
        }
        return b.build();
    }

    /** HEADER/SUBJECT/FROM.../SENT* keys: from the parsed message data, else from the message's header alone. */
    private boolean headerMatches(long uid, SearchKey k, ParsedMessageCache.HeaderReads headers) throws MailStorageException {
        String field = MimeContentMatcher.headerField(k);
        Optional<MimeHeader> cached = headers.cached(uid, field);
        if (cached.isPresent()) return MimeContentMatcher.headerMatches(k, cached.get());
        Optional<MimeHeader> header = messages.read(uid, at -> {
            try (InputStream in = backend.open(at)) {
                return MimeParser.parseHeader(in);
            }
        });
        if (header.isEmpty()) return false;
        headers.read(uid, field, header.get());
        return MimeContentMatcher.headerMatches(k, header.get());
    }
}
