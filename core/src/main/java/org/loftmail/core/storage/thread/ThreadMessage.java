package org.loftmail.core.storage.thread;

import java.util.ArrayList;
import java.util.List;
import org.loftmail.core.mime.HeaderField;
import org.loftmail.core.mime.MimeHeader;
import org.loftmail.core.storage.MessageRecord;
import org.loftmail.core.storage.sort.BaseSubject;
import org.loftmail.core.storage.sort.SortKey;

/**
 * What THREAD needs of one message (RFC 5256 sections 2.1, 2.2, 3): its UID, sent date (INTERNALDATE when the Date
 * field cannot be read), base subject, Message-ID and the message IDs it refers to (References, else the first one
 * of In-Reply-To).
 */
public record ThreadMessage(long uid, long date, String baseSubject, boolean replyOrForward, String messageId,
        List<String> references) {

    /** The header fields THREAD reads. */
    public static final java.util.Set<String> FIELDS = java.util.Set.of("subject", "date", "message-id", "in-reply-to", "references");

    public ThreadMessage {
        references = List.copyOf(references);
    }

    public static ThreadMessage of(MessageRecord r, MimeHeader h) {
        long date = (Long) SortKey.DATE.value(r, h);
        String raw = h.first("subject").map(HeaderField::value).orElse(null);
        String subject = BaseSubject.of(raw);
        List<String> ids = h.first("message-id").map(f -> msgIds(f.value())).orElse(List.of());
        List<String> refs = h.first("references").map(f -> msgIds(f.value())).orElse(List.of());
        if (refs.isEmpty()) {
            List<String> irt = h.first("in-reply-to").map(f -> msgIds(f.value())).orElse(List.of());
            if (!irt.isEmpty()) refs = List.of(irt.get(0));
        }
        return new ThreadMessage(r.uid(), date, subject, BaseSubject.isReplyOrForward(raw), ids.isEmpty() ? null : ids.get(0), refs);
    }

    /** The {@code <…>} message IDs in a field, in order, without the brackets; comments and junk between are skipped. */
    static List<String> msgIds(String value) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < value.length()) {
            int open = value.indexOf('<', i);
            if (open < 0) break;
            int close = value.indexOf('>', open + 1);
            if (close < 0) break;
            String id = value.substring(open + 1, close).strip();
            if (!id.isEmpty() && id.indexOf('<') < 0 && id.chars().noneMatch(Character::isWhitespace)) out.add(id);
            i = close + 1;
        }
        return out;
    }
}
