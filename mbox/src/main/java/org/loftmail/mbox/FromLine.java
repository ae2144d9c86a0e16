package org.loftmail.mbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code From } line that starts every message of an mbox: the envelope sender and the delivery time
 * (INTERNALDATE). Written as Dovecot writes it ({@code From alice@example.org  Mon Dec 07 21:37:27 2026}, two
 * spaces, UTC, {@code MAILER-DAEMON} for an empty sender); read leniently, as the date forms of Postfix local(8),
 * procmail, mutt and older tools differ ({@code Dec  7}, no seconds, a zone before or after the year). A line
 * starting {@code From } whose rest does not end in such a date is not a separator: it is a body line that
 * escaped quoting, and it stays in its message.
 */
record FromLine(String sender, Instant date) {

    /** Longer lines are never separators (and are not given to the pattern). */
    static final int MAX_LENGTH = 1000;

    private static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
    private static final Pattern DATE = Pattern.compile(
            "^From (.*?) *(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),? +)"
                    + "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +(\\d{1,2}) +(\\d{1,2}):(\\d{2})(?::(\\d{2}))?"
                    + " +(?:([+-]\\d{4})|[A-Za-z]{1,5} +)?(?: *)(\\d{4})(?: +([+-]\\d{4})| +[A-Za-z]{1,5})? *\r?$",
            Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter WRITE =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Parses a separator line (without its LF); empty when the line is not one. */
    static Optional<FromLine> parse(byte[] line, int length) {
        if (length < 5 || length > MAX_LENGTH || line[0] != 'F' || line[1] != 'r' || line[2] != 'o' || line[3] != 'm'
                || line[4] != ' ') {
            return Optional.empty();
        }
        Matcher m = DATE.matcher(new String(line, 0, length, StandardCharsets.ISO_8859_1));
        if (!m.matches()) return Optional.empty();
        try {
            int month = MONTHS.indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1;
            int day = Integer.parseInt(m.group(3));
            int hour = Integer.parseInt(m.group(4));
            int minute = Integer.parseInt(m.group(5));
            int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
            int year = Integer.parseInt(m.group(8));
            String zone = m.group(7) != null ? m.group(7) : m.group(9);
            ZoneOffset offset = zone == null ? ZoneOffset.UTC : ZoneOffset.of(zone.substring(0, 3) + ":" + zone.substring(3));
            Instant date = LocalDateTime.of(year, month, day, hour, minute, second).toInstant(offset);
            return Optional.of(new FromLine(m.group(1).trim(), date));
        } catch (RuntimeException e) {
            return Optional.empty(); // a day 31 in February, hour 25: not a separator
        }
    }

    static boolean isSeparator(byte[] line, int length) {
        return parse(line, length).isPresent();
    }

    /** The line as Dovecot writes it, with its LF. */
    byte[] toBytes() {
        String s = sender.isEmpty() ? "MAILER-DAEMON" : sender;
        return ("From " + s + "  " + WRITE.format(date) + "\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * The envelope sender for a new message: the address of its {@code Return-Path} (added by delivery), else
     * {@code MAILER-DAEMON} as Dovecot uses for APPEND. Spaces and controls are dropped so the line stays one token.
     */
    static String senderFrom(Optional<String> returnPath) {
        if (returnPath.isEmpty()) return "MAILER-DAEMON";
        String v = returnPath.get().trim();
        int lt = v.indexOf('<');
        int gt = v.lastIndexOf('>');
        if (lt >= 0 && gt > lt) v = v.substring(lt + 1, gt);
        StringBuilder b = new StringBuilder();
        for (char c : v.toCharArray()) if (c > 0x20 && c < 0x7f) b.append(c);
        return b.isEmpty() ? "MAILER-DAEMON" : b.toString();
    }
}
