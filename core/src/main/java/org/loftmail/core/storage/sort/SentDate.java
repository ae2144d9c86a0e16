package org.loftmail.core.storage.sort;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The instant of an RFC 5322 Date field, read leniently as mail in the wild needs (optional day name, one- or
 * two-digit day, two- or four-digit year, optional seconds, numeric or named zone, comments): SORT DATE and
 * THREAD order by it (RFC 5256 section 2.2); empty when it cannot be read, and the caller uses INTERNALDATE.
 */
public final class SentDate {

    private SentDate() {}

    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("JAN", 1), Map.entry("FEB", 2),
            Map.entry("MAR", 3), Map.entry("APR", 4), Map.entry("MAY", 5), Map.entry("JUN", 6), Map.entry("JUL", 7),
            Map.entry("AUG", 8), Map.entry("SEP", 9), Map.entry("OCT", 10), Map.entry("NOV", 11), Map.entry("DEC", 12));

    /** Zone names RFC 5322 section 4.3 still allows, in minutes east of UTC. */
    private static final Map<String, Integer> ZONES = Map.ofEntries(Map.entry("UT", 0), Map.entry("GMT", 0),
            Map.entry("Z", 0), Map.entry("EST", -300), Map.entry("EDT", -240), Map.entry("CST", -360),
            Map.entry("CDT", -300), Map.entry("MST", -420), Map.entry("MDT", -360), Map.entry("PST", -480),
            Map.entry("PDT", -420));

    public static Optional<Instant> parse(String value) {
        if (value == null) return Optional.empty();
        String s = value.replaceAll("\\([^()]*\\)", " ").replace(',', ' ').trim();
        String[] t = s.split("\\s+");
        int i = 0;
        if (t.length > 0 && !t[0].isEmpty() && Character.isLetter(t[0].charAt(0))) i++; // day name
        if (t.length - i < 4) return Optional.empty();
        try {
            int day = Integer.parseInt(t[i]);
            Integer month = MONTHS.get(t[i + 1].length() >= 3 ? t[i + 1].substring(0, 3).toUpperCase(Locale.ROOT) : "");
            int year = Integer.parseInt(t[i + 2]);
            if (month == null || day < 1 || day > 31) return Optional.empty();
            if (t[i + 2].length() <= 2) year += year < 50 ? 2000 : 1900; // RFC 5322 4.3
            else if (t[i + 2].length() == 3) year += 1900;
            String[] hms = t[i + 3].split(":");
            if (hms.length < 2 || hms.length > 3) return Optional.empty();
            int h = Integer.parseInt(hms[0]);
            int m = Integer.parseInt(hms[1]);
            int sec = hms.length == 3 ? Integer.parseInt(hms[2]) : 0;
            if (h > 23 || m > 59 || sec > 60) return Optional.empty();
            int offset = t.length > i + 4 ? zone(t[i + 4]) : 0;
            java.time.LocalDateTime ldt = java.time.LocalDateTime.of(year, month, 1, h, m, Math.min(sec, 59)).plusDays(day - 1);
            return Optional.of(ldt.toInstant(java.time.ZoneOffset.ofTotalSeconds(offset * 60)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Minutes east of UTC; unknown zones count as UTC (RFC 5322 4.3: "-0000"). */
    private static int zone(String z) {
        if ((z.startsWith("+") || z.startsWith("-")) && z.length() == 5) {
            int v = Integer.parseInt(z.substring(1, 3)) * 60 + Integer.parseInt(z.substring(3, 5));
            if (v > 24 * 60) return 0;
            return z.startsWith("-") ? -v : v;
        }
        return ZONES.getOrDefault(z.toUpperCase(Locale.ROOT), 0);
    }
}
