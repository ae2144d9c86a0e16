package org.loftmail.core.storage.search;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.loftmail.core.mime.HeaderField;
import org.loftmail.core.mime.MessageSearch;
import org.loftmail.core.mime.MessageSummary;
import org.loftmail.core.mime.MimeMessage;
import org.loftmail.core.mime.MimeParser;

/**
 * Content search keys evaluated the way Dovecot does without full-text search: header values with encoded-words
 * decoded, BODY in the decoded text of text parts (transfer encoding and charset undone), TEXT in both, by
 * case-insensitive substring (core.mime's {@link MessageSearch}); SENTBEFORE/ON/SINCE on the Date: field.
 * Backends with one file per message call {@link #matches(SearchKey, Path)}.
 */
public final class MimeContentMatcher {

    private MimeContentMatcher() {}

    /** Evaluates a content key on a stored message file (read twice at most: structure, then the parts needed). */
    public static boolean matches(SearchKey key, Path file) throws IOException {
        MimeMessage parsed;
        try (InputStream in = Files.newInputStream(file)) {
            parsed = MimeParser.parse(in);
        }
        return matches(key, parsed, MessageSearch.of(file));
    }

    /** Evaluates a content key given the parsed message and a way to read its spans. */
    public static boolean matches(SearchKey key, MimeMessage parsed, MessageSearch.RawSource source) throws IOException {
        return switch (key) {
            case SearchKey.Header h -> headerMatches(parsed, h);
            case SearchKey.SentDate s -> sentDateMatches(parsed, s);
            case SearchKey.Body b -> MessageSearch.bodyContains(MessageSummary.of(parsed.root()), source, b.text());
            case SearchKey.Text t -> MessageSearch.textContains(MessageSummary.of(parsed.root()), source, t.text());
            default -> throw new IllegalArgumentException("not a content key: " + key);
        };
    }

    private static boolean headerMatches(MimeMessage parsed, SearchKey.Header h) {
        for (HeaderField f : parsed.root().header().all(h.field())) {
            if (h.text().isEmpty() || MessageSearch.headerValueContains(f.rawValue(), h.text())) return true;
        }
        return false;
    }

    private static boolean sentDateMatches(MimeMessage parsed, SearchKey.SentDate s) {
        return parsed.root().header().first("Date").map(f -> {
            LocalDate d = PlainContentMatcher.parseDate(f.value().trim());
            return d != null && SearchEvaluator.compare(d, s.comparison(), s.date());
        }).orElse(false);
    }
}
