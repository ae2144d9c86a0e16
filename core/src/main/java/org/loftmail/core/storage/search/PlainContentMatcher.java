package org.loftmail.core.storage.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * A first content matcher: case-insensitive substring search over unfolded header fields and body lines as
 * UTF-8 text, streaming line by line. It does not decode encoded-words or base64/quoted-printable bodies;
 * the MIME parser's matcher should replace it for that.
 */
public final class PlainContentMatcher {

    private static final int MAX_LINE = 64 * 1024;

    private PlainContentMatcher() {}

    public static boolean matches(SearchKey key, InputStream message) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(message, StandardCharsets.UTF_8));
        return switch (key) {
            case SearchKey.Header h -> headerMatches(in, h.field(), h.text());
            case SearchKey.Body b -> bodyMatches(in, b.text(), false);
            case SearchKey.Text t -> bodyMatches(in, t.text(), true);
            case SearchKey.SentDate s -> sentDateMatches(in, s);
            default -> throw new IllegalArgumentException("not a content key: " + key);
        };
    }

    private static boolean headerMatches(BufferedReader in, String field, String text) throws IOException {
        String needle = text.toLowerCase(Locale.ROOT);
        for (String f = nextField(in); f != null; f = nextField(in)) {
            int colon = f.indexOf(':');
            if (colon > 0 && f.substring(0, colon).trim().equalsIgnoreCase(field)) {
                if (needle.isEmpty() || f.substring(colon + 1).toLowerCase(Locale.ROOT).contains(needle)) return true;
            }
        }
        return false;
    }

    private static boolean bodyMatches(BufferedReader in, String text, boolean includeHeader) throws IOException {
        String needle = text.toLowerCase(Locale.ROOT);
        for (String f = nextField(in); f != null; f = nextField(in)) {
            if (includeHeader && f.toLowerCase(Locale.ROOT).contains(needle)) return true;
        }
        String line;
        while ((line = readLine(in)) != null) {
            if (line.toLowerCase(Locale.ROOT).contains(needle)) return true;
        }
        return false;
    }

    private static boolean sentDateMatches(BufferedReader in, SearchKey.SentDate s) throws IOException {
        for (String f = nextField(in); f != null; f = nextField(in)) {
            int colon = f.indexOf(':');
            if (colon > 0 && f.substring(0, colon).trim().equalsIgnoreCase("Date")) {
                LocalDate d = parseDate(f.substring(colon + 1).trim());
                return d != null && SearchEvaluator.compare(d, s.comparison(), s.date());
            }
        }
        return false;
    }

    static LocalDate parseDate(String value) {
        String v = withoutTrailingComment(value).replaceAll("\\s+", " ").trim();
        try {
            return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toLocalDate();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The value without a final {@code (comment)} and the blanks around it (the zone name many mailers add). A scan
     * from the end, not a regular expression: the field comes from anyone who sends mail, and the pattern this
     * replaces was quadratic on a long run of '(' or blanks.
     */
    private static String withoutTrailingComment(String value) {
        int end = value.length();
        while (end > 0 && Character.isWhitespace(value.charAt(end - 1))) end--;
        if (end == 0 || value.charAt(end - 1) != ')') return value;
        int open = end - 2;
        while (open >= 0 && value.charAt(open) != '(' && value.charAt(open) != ')') open--;
        if (open < 0 || value.charAt(open) == ')') return value;
        while (open > 0 && Character.isWhitespace(value.charAt(open - 1))) open--;
        return value.substring(0, open);
    }

    /** Reads one unfolded header field; null at the end of the header. */
    private static String nextField(BufferedReader in) throws IOException {
        in.mark(MAX_LINE + 2);
        String line = readLine(in);
        if (line == null || line.isEmpty()) return null;
        StringBuilder sb = new StringBuilder(line);
        while (true) {
            in.mark(MAX_LINE + 2);
            String next = readLine(in);
            if (next == null) return sb.toString();
            if (!next.isEmpty() && (next.charAt(0) == ' ' || next.charAt(0) == '\t')) {
                if (sb.length() < MAX_LINE) sb.append(next);
            } else {
                in.reset();
                return sb.toString();
            }
        }
    }

    private static String readLine(BufferedReader in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') break;
            if (sb.length() < MAX_LINE) sb.append((char) c);
        }
        if (c < 0 && sb.isEmpty()) return null;
        int len = sb.length();
        if (len > 0 && sb.charAt(len - 1) == '\r') sb.setLength(len - 1);
        return sb.toString();
    }
}
