package org.loftmail.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The kinds of values Dovecot's settings take, with their parsers. */
public enum SettingType {
    /** Free text, often a {@code %} template. */
    STRING,
    /** {@code yes} or {@code no}. */
    BOOL,
    /** A non-negative decimal number. */
    UINT,
    /** A byte size: {@code 1024}, {@code 10k}, {@code 10M}, {@code 2 G}. */
    SIZE,
    /** A time interval: {@code 30}, {@code 2 secs}, {@code 5 mins}, {@code 1h}, {@code 1 hour 30 mins}. */
    DURATION,
    /** Words separated by spaces or commas. */
    LIST,
    /** An octal file mode such as {@code 0660}. */
    OCTAL,
    /** One of the definition's allowed values. */
    ENUM;

    private static final Pattern SIZE_PATTERN =
            Pattern.compile("(\\d+)\\s*([bkmgt]?)(?:i?b)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)\\s*([a-z]*)\\s*", Pattern.CASE_INSENSITIVE);

    /**
     * Checks that {@code text} is a valid value of this type.
     *
     * @return null when valid, otherwise what is wrong
     */
    String problemWith(String text, List<String> allowed) {
        try {
            switch (this) {
                case BOOL -> parseBool(text);
                case UINT -> parseUint(text);
                case SIZE -> parseSize(text);
                case DURATION -> parseDuration(text);
                case OCTAL -> parseOctal(text);
                case ENUM -> {
                    if (!allowed.contains(text)) {
                        return "Invalid value '" + text + "': allowed values are " + String.join(", ", allowed);
                    }
                }
                default -> {
                    // STRING and LIST take any text
                }
            }
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    public static boolean parseBool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "yes", "y", "1", "true" -> true;
            case "no", "n", "0", "false" -> false;
            default -> throw new IllegalArgumentException("Invalid boolean value '" + text + "': use yes or no");
        };
    }

    public static long parseUint(String text) {
        if (text.equals("unlimited")) {
            return Long.MAX_VALUE;
        }
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9') || text.length() > 18) {
            throw new IllegalArgumentException("Invalid number '" + text + "'");
        }
        return Long.parseLong(text);
    }

    /** A size in bytes; {@code unlimited} and {@code 0} are both returned as given (MAX_VALUE and 0). */
    public static long parseSize(String text) {
        if (text.equals("unlimited")) {
            return Long.MAX_VALUE;
        }
        Matcher m = SIZE_PATTERN.matcher(text.trim());
        if (!m.matches() || m.group(1).length() > 18) {
            throw new IllegalArgumentException("Invalid size '" + text + "': use a number with an optional unit k, M, G or T");
        }
        long n = Long.parseLong(m.group(1));
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        if (shift > 0 && n > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("Size '" + text + "' is too large");
        }
        return n << shift;
    }

    public static Duration parseDuration(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("Invalid time interval '': use e.g. 30 secs, 5 mins, 1h");
        }
        if (s.equals("infinite") || s.equals("unlimited")) {
            return Duration.ofSeconds(Long.MAX_VALUE);
        }
        Matcher m = DURATION_PART.matcher(s);
        Duration total = Duration.ZERO;
        int pos = 0;
        while (pos < s.length()) {
            if (!m.find(pos) || m.start() != pos || m.end() == pos) {
                throw new IllegalArgumentException("Invalid time interval '" + text + "': use e.g. 30 secs, 5 mins, 1h");
            }
            long n = Long.parseLong(m.group(1).length() > 12 ? "x" : m.group(1));
            total = total.plus(unit(m.group(2).toLowerCase(Locale.ROOT), n, text));
            pos = m.end();
        }
        return total;
    }

    private static Duration unit(String unit, long n, String text) {
        return switch (unit) {
            case "ms", "msec", "msecs", "millisecond", "milliseconds" -> Duration.ofMillis(n);
            case "", "s", "sec", "secs", "second", "seconds" -> Duration.ofSeconds(n);
            case "m", "min", "mins", "minute", "minutes" -> Duration.ofMinutes(n);
            case "h", "hour", "hours" -> Duration.ofHours(n);
            case "d", "day", "days" -> Duration.ofDays(n);
            case "w", "week", "weeks" -> Duration.ofDays(7 * n);
            default -> throw new IllegalArgumentException("Invalid time interval '" + text + "': unknown unit '" + unit + "'");
        };
    }

    public static int parseOctal(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '7')) {
            throw new IllegalArgumentException("Invalid file mode '" + text + "': use octal digits such as 0660");
        }
        int mode = Integer.parseInt(text, 8);
        if (mode > 07777) {
            throw new IllegalArgumentException("Invalid file mode '" + text + "'");
        }
        return mode;
    }

    /** Splits a list value on spaces and commas, dropping empty words. */
    public static List<String> parseList(String text) {
        List<String> out = new ArrayList<>();
        for (String word : text.split("[\\s,]+")) {
            if (!word.isEmpty()) {
                out.add(word);
            }
        }
        return List.copyOf(out);
    }
}
