package org.loftmail.imap.codec;

import java.nio.charset.Charset;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.storage.search.SearchKey;
import org.loftmail.core.storage.search.SearchKey.DateComparison;

/**
 * Parses a search program (RFC 3501 section 6.4.4, RFC 9051 6.4.4; MODSEQ from RFC 7162): an optional
 * {@code CHARSET}, then keys that are ANDed. Strings are decoded with the charset (any the JVM knows, UTF-8 and
 * US-ASCII always).
 */
public final class SearchParser {

    /** The client named a charset the server does not know (answered {@code NO [BADCHARSET (…)]}). */
    public static final class BadCharsetException extends RuntimeException {
        public BadCharsetException() {
            super("Unknown charset", null, false, false);
        }
    }

    private static final int MAX_DEPTH = 100;

    private final ArgumentReader r;
    private final SequenceResolver resolver;
    private Charset charset = StandardCharsets.UTF_8;

    private SearchParser(ArgumentReader r, SequenceResolver resolver) {
        this.r = r;
        this.resolver = resolver;
    }

    /** Parses {@code [CHARSET x SP] key *(SP key)} to the end of the command. */
    public static SearchKey parse(ArgumentReader r, SequenceResolver resolver) {
        SearchParser p = new SearchParser(r, resolver);
        if (r.atEnd()) throw new ImapSyntaxException("Missing search parameters");
        if (r.skipKeyword("CHARSET")) {
            r.sp();
            p.charset = charset(r.astring());
            r.sp();
        }
        List<SearchKey> keys = new ArrayList<>();
        do {
            if (!keys.isEmpty()) r.sp();
            keys.add(p.key(0));
        } while (!r.atEnd() && r.peek() == ' ');
        r.end();
        return keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys);
    }

    /** SORT's and THREAD's form (RFC 5256 section 3): {@code charset SP key *(SP key)}, the charset required. */
    public static SearchKey parseWithCharset(ArgumentReader r, SequenceResolver resolver) {
        SearchParser p = new SearchParser(r, resolver);
        p.charset = charset(r.astring());
        r.sp();
        List<SearchKey> keys = new ArrayList<>();
        do {
            if (!keys.isEmpty()) r.sp();
            keys.add(p.key(0));
        } while (!r.atEnd() && r.peek() == ' ');
        r.end();
        return keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys);
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw new BadCharsetException();
        }
    }

    private String text() {
        byte[] bytes = r.astringBytes();
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ImapSyntaxException("Invalid characters for the charset in search string");
        }
    }

    private SearchKey key(int depth) {
        if (depth > MAX_DEPTH) throw new ImapSyntaxException("Search program nested too deeply");
        if (r.skip('(')) {
            List<SearchKey> keys = new ArrayList<>();
            while (!r.skip(')')) {
                if (!keys.isEmpty()) r.sp();
                keys.add(key(depth + 1));
            }
            if (keys.isEmpty()) throw new ImapSyntaxException("Empty search list");
            return keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys);
        }
        if (r.atSequenceSet()) {
            return new SearchKey.SequenceNumbers(resolver.sequenceNumbers(r.sequenceSet()));
        }
        String name = r.keyword();
        return switch (name) {
            case "ALL" -> new SearchKey.All();
            case "ANSWERED" -> flag(SystemFlag.ANSWERED, true);
            case "DELETED" -> flag(SystemFlag.DELETED, true);
            case "DRAFT" -> flag(SystemFlag.DRAFT, true);
            case "FLAGGED" -> flag(SystemFlag.FLAGGED, true);
            case "SEEN" -> flag(SystemFlag.SEEN, true);
            case "UNANSWERED" -> flag(SystemFlag.ANSWERED, false);
            case "UNDELETED" -> flag(SystemFlag.DELETED, false);
            case "UNDRAFT" -> flag(SystemFlag.DRAFT, false);
            case "UNFLAGGED" -> flag(SystemFlag.FLAGGED, false);
            case "UNSEEN" -> flag(SystemFlag.SEEN, false);
            case "RECENT" -> new SearchKey.Recent();
            case "OLDER", "YOUNGER" -> { // RFC 5032 WITHIN: an interval in seconds before now
                r.sp();
                long seconds = r.nzNumber();
                yield new SearchKey.InternalDateAt(name.equals("OLDER"), java.time.Instant.now().minusSeconds(seconds));
            }
            case "NEW" -> new SearchKey.And(List.of(new SearchKey.Recent(), flag(SystemFlag.SEEN, false)));
            case "OLD" -> new SearchKey.Not(new SearchKey.Recent());
            case "KEYWORD" -> new SearchKey.Keyword(keywordArg(), true);
            case "UNKEYWORD" -> new SearchKey.Keyword(keywordArg(), false);
            case "BCC", "CC", "FROM", "TO", "SUBJECT" -> {
                r.sp();
                yield new SearchKey.Header(capitalized(name), text());
            }
            case "HEADER" -> {
                r.sp();
                String field = r.astring();
                if (field.isEmpty() || !field.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ':')) {
                    throw new ImapSyntaxException("Invalid header field name");
                }
                r.sp();
                yield new SearchKey.Header(field, text());
            }
            case "BODY" -> {
                r.sp();
                yield new SearchKey.Body(text());
            }
            case "TEXT" -> {
                r.sp();
                yield new SearchKey.Text(text());
            }
            case "BEFORE" -> new SearchKey.InternalDate(DateComparison.BEFORE, dateArg());
            case "ON" -> new SearchKey.InternalDate(DateComparison.ON, dateArg());
            case "SINCE" -> new SearchKey.InternalDate(DateComparison.SINCE, dateArg());
            case "SENTBEFORE" -> new SearchKey.SentDate(DateComparison.BEFORE, dateArg());
            case "SENTON" -> new SearchKey.SentDate(DateComparison.ON, dateArg());
            case "SENTSINCE" -> new SearchKey.SentDate(DateComparison.SINCE, dateArg());
            case "LARGER" -> {
                r.sp();
                yield new SearchKey.Larger(r.number());
            }
            case "SMALLER" -> {
                r.sp();
                yield new SearchKey.Smaller(r.number());
            }
            case "UID" -> {
                r.sp();
                yield new SearchKey.Uids(resolver.uids(r.sequenceSet()));
            }
            case "NOT" -> {
                r.sp();
                yield new SearchKey.Not(key(depth + 1));
            }
            case "OR" -> {
                r.sp();
                SearchKey left = key(depth + 1);
                r.sp();
                yield new SearchKey.Or(left, key(depth + 1));
            }
            case "MODSEQ" -> modSeq();
            default -> throw new ImapSyntaxException("Unknown argument " + name.replaceAll("[^A-Z0-9.]", "?"));
        };
    }

    /** {@code MODSEQ [entry-name SP entry-type-req SP] mod-sequence-valzer} (RFC 7162); the entry is ignored. */
    private SearchKey modSeq() {
        r.sp();
        if (!ArgumentReader.isDigit(r.peek())) {
            r.astring();
            r.sp();
            String type = r.keyword();
            if (!type.equals("PRIV") && !type.equals("SHARED") && !type.equals("ALL")) {
                throw new ImapSyntaxException("Invalid MODSEQ entry type");
            }
            r.sp();
        }
        return new SearchKey.ModSeqAtLeast(r.number());
    }

    private static SearchKey flag(SystemFlag f, boolean present) {
        return new SearchKey.Flag(f, present);
    }

    private String keywordArg() {
        r.sp();
        return r.atom();
    }

    private java.time.LocalDate dateArg() {
        r.sp();
        return r.date();
    }

    private static String capitalized(String upper) {
        return upper.charAt(0) + upper.substring(1).toLowerCase(Locale.ROOT);
    }
}
