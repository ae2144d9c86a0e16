package org.loftmail.imap.codec;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

/** IMAP's date ({@code 1-Feb-2024}) and date-time ({@code "01-Feb-2024 13:05:09 +0100"}) forms. */
public final class ImapDates {

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private ImapDates() {}

    /**
     * Parses a date-time. Days beyond the month's end roll over (Dovecot accepts {@code 31-Feb-2020} the same way,
     * through mktime).
     */
    public static ZonedDateTime parseDateTime(String s) {
        // dd-Mon-yyyy hh:mm:ss +zzzz, the day may be " d" or "d"
        String t = s.startsWith(" ") ? s.substring(1) : s;
        int sp = t.indexOf(' ');
        if (sp < 0) throw new ImapSyntaxException("Invalid date-time");
        LocalDate date = parseDate(t.substring(0, sp));
        String rest = t.substring(sp + 1);
        if (rest.length() != 14 || rest.charAt(2) != ':' || rest.charAt(5) != ':' || rest.charAt(8) != ' ') {
            throw new ImapSyntaxException("Invalid date-time");
        }
        int hh = digits(rest, 0, 2);
        int mm = digits(rest, 3, 5);
        int ss = digits(rest, 6, 8);
        char sign = rest.charAt(9);
        if (sign != '+' && sign != '-') throw new ImapSyntaxException("Invalid date-time");
        int zh = digits(rest, 10, 12);
        int zm = digits(rest, 12, 14);
        if (hh > 23 || mm > 59 || ss > 60 || zh > 23 || zm > 59) throw new ImapSyntaxException("Invalid date-time");
        int offset = (zh * 3600 + zm * 60) * (sign == '-' ? -1 : 1);
        LocalDateTime ldt = date.atTime(hh, mm, Math.min(ss, 59));
        return ZonedDateTime.of(ldt, ZoneOffset.ofTotalSeconds(offset));
    }

    /** Parses date-text {@code d-Mon-yyyy} (day of one or two digits). */
    public static LocalDate parseDate(String s) {
        String[] p = s.split("-", -1);
        if (p.length != 3 || p[0].isEmpty() || p[0].length() > 2 || p[2].length() != 4) {
            throw new ImapSyntaxException("Invalid date");
        }
        int day = digits(p[0], 0, p[0].length());
        int year = digits(p[2], 0, 4);
        int month = -1;
        for (int i = 0; i < 12; i++) {
            if (MONTHS[i].equalsIgnoreCase(p[1])) month = i + 1;
        }
        if (month < 0 || day < 1 || day > 31) throw new ImapSyntaxException("Invalid date");
        return LocalDate.of(year, month, 1).plusDays(day - 1L);
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') throw new ImapSyntaxException("Invalid date");
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** INTERNALDATE as Dovecot writes it: {@code "23-Nov-2026 04:21:27 +0000"} in the given zone. */
    public static String formatDateTime(Instant instant, ZoneId zone) {
        ZonedDateTime z = instant.atZone(zone);
        int off = z.getOffset().getTotalSeconds();
        char sign = off < 0 ? '-' : '+';
        off = Math.abs(off);
        int year = z.getYear();
        if (year < 0 || year > 9999) {
            return String.format(Locale.ROOT, "%02d-%s-%04d %02d:%02d:%02d %c%02d%02d", z.getDayOfMonth(),
                    MONTHS[z.getMonthValue() - 1], year, z.getHour(), z.getMinute(), z.getSecond(), sign,
                    off / 3600, (off / 60) % 60);
        }
        // By hand rather than String.format: FETCH INTERNALDATE formats one per message, and the Formatter showed
        // up in profiles of the IMAP mixed load.
        StringBuilder b = new StringBuilder(26);
        two(b, z.getDayOfMonth()).append('-').append(MONTHS[z.getMonthValue() - 1]).append('-');
        two(b, year / 100);
        two(b, year % 100).append(' ');
        two(b, z.getHour()).append(':');
        two(b, z.getMinute()).append(':');
        two(b, z.getSecond()).append(' ').append(sign);
        two(b, off / 3600);
        return two(b, (off / 60) % 60).toString();
    }

    private static StringBuilder two(StringBuilder b, int v) {
        return b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }
}
