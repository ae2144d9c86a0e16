package org.loftmail.core.storage.search;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.loftmail.core.mime.HeaderField;
import org.loftmail.core.mime.MessageSearch;
import org.loftmail.core.mime.MessageSummary;
import org.loftmail.core.mime.MimeHeader;
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

    /** Evaluates a content key on a stored message file (header keys read only the header; others read it twice at most: structure, then the parts needed). */
    public static boolean matches(SearchKey key, Path file) throws IOException {
        if (headerOnly(key)) {
            try (InputStream in = Files.newInputStream(file)) {
                return headerMatches(key, MimeParser.parseHeader(in));
            }
        }
        MimeMessage parsed;
        try (InputStream in = Files.newInputStream(file)) {
            parsed = MimeParser.parse(in);
        }
        return matches(key, parsed, MessageSearch.of(file));
    }

    /** True for the content keys that need only the top-level header (HEADER, FROM, SUBJECT..., SENT*). */
    public static boolean headerOnly(SearchKey key) {
        return key instanceof SearchKey.Header || key instanceof SearchKey.SentDate;
    }

    /** The header field a {@link #headerOnly} key reads ({@code Date} for SENTBEFORE/ON/SINCE). */
    public static String headerField(SearchKey key) {
        return switch (key) {
            case SearchKey.Header h -> h.field();
            case SearchKey.SentDate s -> "Date";
            default -> throw new IllegalArgumentException("not a header key: " + key);
        };
    }

    /**
     * Evaluates a {@link #headerOnly} key on the message's top-level header, or on just the fields named by
     * {@link #headerField} (so a backend can keep those in a cache and never open the message again).
     */
    public static boolean headerMatches(SearchKey key, MimeHeader header) {
        return switch (key) {
            case SearchKey.Header h -> headerMatches(header, h);
            case SearchKey.SentDate s -> sentDateMatches(header, s);
            default -> throw new IllegalArgumentException("not a header key: " + key);
        };
    }

    /** Evaluates a content key given the parsed message and a way to read its spans. */
    public static boolean matches(SearchKey key, MimeMessage parsed, MessageSearch.RawSource source) throws IOException {
        return switch (key) {
            case SearchKey.Header h -> headerMatches(parsed.root().header(), h);
            case SearchKey.SentDate s -> sentDateMatches(parsed.root().header(), s);
            case SearchKey.Body b -> MessageSearch.bodyContains(MessageSummary.of(parsed.root()), source, b.text());
            case SearchKey.Text t -> MessageSearch.textContains(MessageSummary.of(parsed.root()), source, t.text());
            default -> throw new IllegalArgumentException("not a content key: " + key);
        };
    }

    private static boolean headerMatches(MimeHeader header, SearchKey.Header h) {
        boolean address = ADDRESS_FIELDS.contains(h.field().toLowerCase(java.util.Locale.ROOT));
        for (HeaderField f : header.all(h.field())) {
            if (h.text().isEmpty()) return true;
            // address fields match in their parsed and rewritten form only, as Dovecot's do
            if (MessageSearch.headerValueContains(address ? addressForms(f.value()) : f.rawValue(), h.text())) return true;
        }
        return false;
    }

    /** Fields whose value is an address list: besides the text as written, they match in their parsed form. */
    private static final java.util.Set<String> ADDRESS_FIELDS =
            java.util.Set.of("from", "to", "cc", "bcc", "sender", "reply-to");

    /**
     * The addresses as Dovecot writes them back after parsing (its message_address_write, observed on Debian's 2.3):
     * {@code name <mailbox@host>} with the name quoted unless it is one atom (a comment stands for a missing name),
     * {@code <mailbox@host>} without a name, groups as {@code group: …;}, ", " between. Encoded words stay as written
     * and are decoded by the match, so SEARCH FROM "Ärger <" finds {@code =?UTF-8?B?w4RyZ2Vy?= <a@b>}.
     */
    static String addressForms(String value) {
        StringBuilder b = new StringBuilder();
        boolean afterGroupStart = false;
        boolean first = true;
        for (org.loftmail.core.mime.EnvelopeAddress a : org.loftmail.core.mime.AddressParser.parse(value)) {
            if (a.isGroupEnd()) {
                b.append(';');
                afterGroupStart = false;
                continue;
            }
            if (afterGroupStart) b.append(' ');
            else if (!first) b.append(", ");
            first = false;
            afterGroupStart = false;
            if (a.isGroupStart()) {
                b.append(a.mailbox()).append(':'); // an empty group is "name:;"
                afterGroupStart = true;
                continue;
            }
            if (a.name() != null && !a.name().isEmpty()) {
                appendPhrase(b, a.name());
                b.append(' ');
            }
            b.append('<').append(a.mailbox() == null ? "" : a.mailbox());
            if (a.host() != null) b.append('@').append(a.host());
            b.append('>');
        }
        return b.toString();
    }

    /** A display name as one atom when it is one, else quoted with {@code "} and {@code \} escaped. */
    private static void appendPhrase(StringBuilder b, String name) {
        boolean atom = true;
        for (int i = 0; i < name.length() && atom; i++) {
            char c = name.charAt(i);
            atom = c > 0x7f || Character.isLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
        }
        if (atom) {
            b.append(name);
            return;
        }
        b.append('"');
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"' || c == '\\') b.append('\\');
            b.append(c);
        }
        b.append('"');
    }

    private static boolean sentDateMatches(MimeHeader header, SearchKey.SentDate s) {
        return header.first("Date").map(f -> {
            LocalDate d = PlainContentMatcher.parseDate(f.value().trim());
            return d != null && SearchEvaluator.compare(d, s.comparison(), s.date());
        }).orElse(false);
    }
}
