package org.loftmail.server;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Dovecot's log line, with its log_timestamp prefix: {@code Nov 23 04:11:47 imap(jsmith): Info: Disconnected: Logged out in=12 out=345}.
 * {@link LogLine} splits an event into prefix, level and text (MailLog's own, a service-named logger's, or "loft"
 * for other loggers).
 */
public final class MailLogLayout extends LayoutBase<ILoggingEvent> {

    private final DateTimeFormatter time;

    /** For logback.xml: Dovecot's default log_timestamp. */
    public MailLogLayout() {
        this("%b %d %H:%M:%S ");
    }

    MailLogLayout(String logTimestamp) {
        this.time = timestampFormat(logTimestamp);
    }

    /**
     * Turns Dovecot's log_timestamp, a strftime format, into a formatter. The conversions Dovecot's
     * documentation uses are supported; others are refused so the setting never silently does nothing.
     */
    static DateTimeFormatter timestampFormat(String strftime) {
        StringBuilder pattern = new StringBuilder();
        for (int i = 0; i < strftime.length(); i++) {
            char c = strftime.charAt(i);
            if (c != '%') {
                pattern.append(Character.isLetter(c) || c == '\'' ? "'" + (c == '\'' ? "''" : c) + "'" : c);
                continue;
            }
            if (++i >= strftime.length()) {
                throw new IllegalArgumentException("log_timestamp ends with a lone %");
            }
            pattern.append(switch (strftime.charAt(i)) {
                case 'b', 'h' -> "MMM";
                case 'd' -> "dd";
                case 'e' -> "ppd";
                case 'H' -> "HH";
                case 'M' -> "mm";
                case 'S' -> "ss";
                case 'Y' -> "yyyy";
                case 'y' -> "yy";
                case 'm' -> "MM";
                case 'j' -> "DDD";
                case 'a' -> "EEE";
                case 'Z' -> "zzz";
                case 'z' -> "xx";
                case 'T' -> "HH:mm:ss";
                case 'F' -> "yyyy-MM-dd";
                case '%' -> "'%'";
                default -> throw new IllegalArgumentException("log_timestamp: %" + strftime.charAt(i)
                        + " is not supported (use %b %d %e %H %M %S %Y %y %m %j %a %Z %z %T %F)");
            });
        }
        return DateTimeFormatter.ofPattern(pattern.toString(), Locale.ROOT).withZone(ZoneId.systemDefault());
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(160);
        line.append(time.format(Instant.ofEpochMilli(event.getTimeStamp())));
        line.append(LogLine.of(event).withLevelWord());
        line.append(CoreConstants.LINE_SEPARATOR);
        if (event.getThrowableProxy() != null) {
            line.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append(CoreConstants.LINE_SEPARATOR);
        }
        return line.toString();
    }
}
