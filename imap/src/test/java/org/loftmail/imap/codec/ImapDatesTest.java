package org.loftmail.imap.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImapDatesTest {

    @Test
    void formatsInternalDateAsDovecot() {
        Instant t = Instant.parse("2026-11-03T04:21:07Z");
        assertThat(ImapDates.formatDateTime(t, ZoneOffset.UTC)).isEqualTo("03-Nov-2026 04:21:07 +0000");
        assertThat(ImapDates.formatDateTime(t, ZoneId.of("America/St_Johns"))).isEqualTo("03-Nov-2026 00:51:07 -0330");
        assertThat(ImapDates.formatDateTime(t, ZoneId.of("Asia/Kathmandu"))).isEqualTo("03-Nov-2026 10:06:07 +0545");
        assertThat(ImapDates.formatDateTime(Instant.parse("0999-01-01T00:00:00Z"), ZoneOffset.UTC))
                .isEqualTo("01-Jan-0999 00:00:00 +0000");
    }

    /** The hand-written formatter against the format string it replaced, over many instants and zones. */
    @Test
    void agreesWithTheFormatString() {
        Random r = new Random(42);
        String[] zones = {"UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Chatham", "-18:00", "+18:00"};
        for (int i = 0; i < 5_000; i++) {
            Instant t = Instant.ofEpochSecond(r.nextLong(-62_000_000_000L, 253_000_000_000L));
            ZoneId zone = ZoneId.of(zones[r.nextInt(zones.length)]);
            assertThat(ImapDates.formatDateTime(t, zone)).as("%s in %s", t, zone).isEqualTo(expected(t, zone));
        }
    }

    private static String expected(Instant instant, ZoneId zone) {
        ZonedDateTime z = instant.atZone(zone);
        int off = z.getOffset().getTotalSeconds();
        char sign = off < 0 ? '-' : '+';
        off = Math.abs(off);
        String[] months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        return String.format(Locale.ROOT, "%02d-%s-%04d %02d:%02d:%02d %c%02d%02d", z.getDayOfMonth(),
                months[z.getMonthValue() - 1], z.getYear(), z.getHour(), z.getMinute(), z.getSecond(), sign,
                off / 3600, (off / 60) % 60);
    }
}
