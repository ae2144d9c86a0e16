package org.loftmail.sieve.run;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.JulianFields;
import java.util.Locale;

/** RFC 5260 section 4: the date parts of a date-time, and the zone strings ({@code +0100}). */
final class DateParts {

    private DateParts() {}

    static String part(ZonedDateTime t, String part) {
        return switch (part.toLowerCase(Locale.ROOT)) {
            case "year" -> String.format("%04d", t.getYear());
            case "month" -> String.format("%02d", t.getMonthValue());
            case "day" -> String.format("%02d", t.getDayOfMonth());
            case "date" -> String.format("%04d-%02d-%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth());
            case "julian" -> String.valueOf(t.toLocalDate().getLong(JulianFields.MODIFIED_JULIAN_DAY));
            case "hour" -> String.format("%02d", t.getHour());
            case "minute" -> String.format("%02d", t.getMinute());
            case "second" -> String.format("%02d", t.getSecond());
            case "time" -> String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
            case "iso8601" -> t.truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            case "std11" -> t.format(DateTimeFormatter.RFC_1123_DATE_TIME);
            case "zone" -> zone(t.getOffset());
            case "weekday" -> String.valueOf(t.getDayOfWeek().getValue() % 7);
            default -> null;
        };
    }

    static String zone(ZoneOffset offset) {
        int s = offset.getTotalSeconds();
        int abs = Math.abs(s);
        return String.format("%s%02d%02d", s < 0 ? "-" : "+", abs / 3600, (abs / 60) % 60);
    }

    /** {@code +hhmm}/{@code -hhmm} as RFC 5260's :zone takes it, or null. */
    static ZoneOffset offset(String zone) {
        if (!zone.matches("[+-][0-9]{4}")) return null;
        int h = Integer.parseInt(zone.substring(1, 3));
        int m = Integer.parseInt(zone.substring(3, 5));
        if (h > 23 || m > 59) return null;
        int total = (h * 3600 + m * 60) * (zone.charAt(0) == '-' ? -1 : 1);
        return ZoneOffset.ofTotalSeconds(total);
    }

    /** An RFC 5322 date-time (comments and the day name are optional), or null. */
    static ZonedDateTime parse(String value) {
        String v = value.replaceAll("\\([^)]*\\)", " ").trim().replaceAll("\\s+", " ");
        if (v.length() > 4 && v.charAt(3) == ',') v = v.substring(4).trim();
        try {
            return ZonedDateTime.parse(v, DateTimeFormatter.ofPattern("d MMM yyyy HH:mm[:ss] [Z][z]",
                    Locale.ENGLISH));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
