package org.loftmail.admin.mail.search;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.search.SearchKey;
import org.loftmail.core.storage.search.SearchKey.DateComparison;

/**
 * doveadm's search query language (doveadm-search-query(7)): IMAP SEARCH keys written in any case, one per argument
 * or grouped with parentheses, {@code OR}, {@code NOT}; dates as IMAP dates ({@code 1-Jan-2024}), ISO dates, UNIX
 * times or intervals before now ({@code 30d}, {@code 2weeks}, {@code 12h}); sizes with k/M/G; plus {@code mailbox},
 * {@code mailbox-guid} and {@code guid}.
 */
final class QueryParser {

    private final List<String> tokens = new ArrayList<>();
    private int pos;
    private final List<String> mailboxes = new ArrayList<>();
    private String mailboxGuid;
    private String messageGuid;

    QueryParser(List<String> args) {
        tokens.addAll(args); // one key word or value per argument, as doveadm reads them
    }

    SearchQuery parse() {
        if (tokens.isEmpty()) {
            throw new SearchQuery.QueryException("Missing search query");
        }
        SearchKey key = list(true);
        if (pos < tokens.size()) {
            throw new SearchQuery.QueryException("Unexpected ')'");
        }
        return SearchQuery.of(key == null ? List.of() : List.of(key), mailboxes, mailboxGuid, messageGuid);
    }

    /**
     * Keys up to the end or a ')': joined by AND when written one after another, by OR when separated by the word
     * OR (doveadm's infix OR); both at one level need parentheses, as doveadm says.
     */
    private SearchKey list(boolean topLevel) {
        List<SearchKey> keys = new ArrayList<>();
        boolean or = false;
        boolean and = false;
        while (pos < tokens.size() && !tokens.get(pos).equals(")")) {
            SearchKey k = key(topLevel);
            if (k != null) {
                keys.add(k);
            }
            if (pos < tokens.size() && tokens.get(pos).equalsIgnoreCase("or")) {
                pos++;
                or = true;
                if (pos >= tokens.size() || tokens.get(pos).equals(")")) {
                    throw new SearchQuery.QueryException("Missing argument after OR");
                }
            } else if (pos < tokens.size() && !tokens.get(pos).equals(")")) {
                and = true;
            }
        }
        if (or && and) {
            throw new SearchQuery.QueryException("Use parenthesis when mixing ANDs and ORs");
        }
        if (or && topLevel && (!mailboxes.isEmpty() || mailboxGuid != null || messageGuid != null)) {
            throw new SearchQuery.QueryException("mailbox, mailbox-guid and guid inside OR are not supported by Loft");
        }
        if (keys.isEmpty()) {
            return null;
        }
        if (keys.size() == 1) {
            return keys.get(0);
        }
        if (!or) {
            return new SearchKey.And(keys);
        }
        SearchKey result = keys.get(keys.size() - 1);
        for (int i = keys.size() - 2; i >= 0; i--) {
            result = new SearchKey.Or(keys.get(i), result);
        }
        return result;
    }

    private String next(String forWhat) {
        if (pos >= tokens.size()) {
            throw new SearchQuery.QueryException("Missing argument for " + forWhat);
        }
        return tokens.get(pos++);
    }

    /** One key; at the top level {@code mailbox}, {@code mailbox-guid} and {@code guid} are collected (null). */
    private SearchKey key(boolean topLevel) {
        String word = next("search key");
        String lower = word.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "mailbox", "mailbox-guid", "guid" -> {
                String value = next(lower);
                if (!topLevel) {
                    throw new SearchQuery.QueryException("'" + lower + "' inside OR, NOT or parentheses is not supported by Loft");
                }
                switch (lower) {
                    case "mailbox" -> mailboxes.add(value);
                    case "mailbox-guid" -> mailboxGuid = value;
                    default -> messageGuid = value;
                }
                return null;
            }
            case "(" -> {
                SearchKey inner = list(false);
                if (pos >= tokens.size()) {
                    throw new SearchQuery.QueryException("Missing ')'");
                }
                pos++;
                if (inner == null) {
                    throw new SearchQuery.QueryException("Empty parentheses");
                }
                return inner;
            }
            case ")" -> throw new SearchQuery.QueryException("Unexpected ')'");
            case "all" -> {
                return new SearchKey.All();
            }
            case "answered", "deleted", "draft", "flagged", "seen" -> {
                return new SearchKey.Flag(SystemFlag.valueOf(lower.toUpperCase(Locale.ROOT)), true);
            }
            case "unanswered", "undeleted", "undraft", "unflagged", "unseen" -> {
                return new SearchKey.Flag(SystemFlag.valueOf(lower.substring(2).toUpperCase(Locale.ROOT)), false);
            }
            case "recent" -> {
                return new SearchKey.Recent();
            }
            case "new" -> {
                return new SearchKey.And(List.of(new SearchKey.Recent(), new SearchKey.Flag(SystemFlag.SEEN, false)));
            }
            case "old" -> {
                return new SearchKey.Not(new SearchKey.Recent());
            }
            case "keyword" -> {
                return new SearchKey.Keyword(next(lower), true);
            }
            case "unkeyword" -> {
                return new SearchKey.Keyword(next(lower), false);
            }
            case "from", "to", "cc", "bcc", "subject" -> {
                return new SearchKey.Header(lower, next(lower));
            }
            case "header" -> {
                String field = next(lower);
                return new SearchKey.Header(field.toLowerCase(Locale.ROOT), next(lower));
            }
            case "body" -> {
                return new SearchKey.Body(next(lower));
            }
            case "text" -> {
                return new SearchKey.Text(next(lower));
            }
            case "larger" -> {
                return new SearchKey.Larger(size(next(lower)));
            }
            case "smaller" -> {
                return new SearchKey.Smaller(size(next(lower)));
            }
            case "before", "on", "since" -> {
                String value = next(lower);
                java.util.Optional<Instant> exact = lower.equals("on") ? java.util.Optional.empty() : instant(value);
                // an interval or a UNIX time is an exact moment, as doveadm compares them; a date is a whole day
                return exact.<SearchKey>map(at -> new SearchKey.InternalDateAt(lower.equals("before"), at))
                        .orElseGet(() -> new SearchKey.InternalDate(comparison(lower), date(value)));
            }
            case "sentbefore", "senton", "sentsince" -> {
                return new SearchKey.SentDate(comparison(lower.substring(4)), date(next(lower)));
            }
            case "savedbefore", "savedon", "savedsince", "savedatesupported" ->
                throw new SearchQuery.QueryException("'" + lower + "': Loft's storage keeps no save date yet");
            case "uid" -> {
                return new SearchKey.Uids(set(next(lower)));
            }
            case "modseq" -> {
                return new SearchKey.ModSeqAtLeast(number(next(lower)));
            }
            case "not" -> {
                return new SearchKey.Not(key(false));
            }
            default -> {
                if (!word.isEmpty() && (Character.isDigit(word.charAt(0)) || word.charAt(0) == '*')) {
                    return new SearchKey.SequenceNumbers(set(word));
                }
                throw new SearchQuery.QueryException("Unknown argument " + word.toUpperCase(Locale.ROOT));
            }
        }
    }

    private static DateComparison comparison(String word) {
        return DateComparison.valueOf(word.toUpperCase(Locale.ROOT));
    }

    /** A message set; {@code *} is the highest number there is. */
    private static UidSet set(String text) {
        try {
            return UidSet.parse(text.replace("*", Long.toString(UidSet.MAX)));
        } catch (IllegalArgumentException e) {
            throw new SearchQuery.QueryException("Invalid messageset: " + text);
        }
    }

    private static long number(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new SearchQuery.QueryException("Invalid number: " + text);
        }
    }

    /** Bytes, with an optional k, M, G or T suffix (powers of 1024). */
    static long size(String text) {
        String t = text.strip();
        long unit = 1;
        if (!t.isEmpty()) {
            switch (Character.toLowerCase(t.charAt(t.length() - 1))) {
                case 'k' -> unit = 1L << 10;
                case 'm' -> unit = 1L << 20;
                case 'g' -> unit = 1L << 30;
                case 't' -> unit = 1L << 40;
                default -> unit = 1;
            }
            if (unit > 1) {
                t = t.substring(0, t.length() - 1);
            }
        }
        try {
            return Math.multiplyExact(Long.parseLong(t), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new SearchQuery.QueryException("Invalid size: " + text);
        }
    }

    private static final DateTimeFormatter IMAP_DATE = DateTimeFormatter.ofPattern("d-MMM-yyyy", Locale.ENGLISH);

    /** The moment an interval before now or a UNIX time names; empty for a calendar date. */
    static java.util.Optional<Instant> instant(String text) {
        java.util.regex.Matcher m = INTERVAL.matcher(text.toLowerCase(Locale.ROOT));
        if (text.length() > 40 || !m.matches()) {
            return java.util.Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        if (m.group(2).isEmpty()) {
            return java.util.Optional.of(Instant.ofEpochSecond(n));
        }
        return java.util.Optional.of(Instant.now().minus(interval(n, m.group(2), text)));
    }

    private static final java.util.regex.Pattern INTERVAL = java.util.regex.Pattern.compile("(\\d{1,10})\\s*([a-z]*)");

    private static Duration interval(long n, String unit, String text) {
        return switch (unit) {
            case "s", "sec", "secs", "second", "seconds" -> Duration.ofSeconds(n);
            case "m", "min", "mins", "minute", "minutes" -> Duration.ofMinutes(n);
            case "h", "hour", "hours" -> Duration.ofHours(n);
            case "d", "day", "days" -> Duration.ofDays(n);
            case "w", "week", "weeks" -> Duration.ofDays(7 * n);
            default -> throw new SearchQuery.QueryException("Invalid search date parameter: " + text);
        };
    }

    /** IMAP date, ISO date, UNIX time, or an interval before now (30d, 2w, 12h, 45mins, 3600secs, 1week). */
    static LocalDate date(String text) {
        ZoneId zone = ZoneId.systemDefault();
        try {
            return LocalDate.parse(text, IMAP_DATE.withResolverStyle(java.time.format.ResolverStyle.SMART));
        } catch (DateTimeParseException e) {
            // not an IMAP date
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            // not an ISO date
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,10})\\s*([a-z]*)").matcher(text.toLowerCase(Locale.ROOT));
        if (text.length() <= 40 && m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "" -> null; // a UNIX time
                case "s", "sec", "secs", "second", "seconds" -> Duration.ofSeconds(n);
                case "m", "min", "mins", "minute", "minutes" -> Duration.ofMinutes(n);
                case "h", "hour", "hours" -> Duration.ofHours(n);
                case "d", "day", "days" -> Duration.ofDays(n);
                case "w", "week", "weeks" -> Duration.ofDays(7 * n);
                default -> throw new SearchQuery.QueryException("Invalid search date parameter: " + text);
            };
            Instant at = d == null ? Instant.ofEpochSecond(n) : Instant.now().minus(d);
            return at.atZone(zone).toLocalDate();
        }
        throw new SearchQuery.QueryException("Invalid search date parameter: " + text);
    }
}
