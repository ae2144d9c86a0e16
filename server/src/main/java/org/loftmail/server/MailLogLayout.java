package org.loftmail.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.loftmail.core.log.MailLog;

/**
 * Dovecot's log line, with its log_timestamp prefix: {@code Nov 23 04:11:47 imap(jsmith): Info: Disconnected: Logged out in=12 out=345}.
 * MailLog messages carry their own "prefix: Level:" part; loggers named after a service ("imap-login", "auth")
 * get the level inserted after their prefix; other loggers' lines get the prefix "loft".
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
        String logger = event.getLoggerName();
        String message = event.getFormattedMessage();
        if (logger.startsWith(MailLog.LOGGER_ROOT)) {
            line.append(message); // MailLog wrote "prefix: Level: text" itself
        } else if (logger.indexOf('.') < 0) {
            // A logger named after a Dovecot service ("imap-login", "auth") whose message starts with its
            // prefix ("imap(jsmith): Disconnected…"): the level word goes after the prefix, as Dovecot writes it.
            int colon = message.indexOf(": ");
            boolean prefixed = colon > 0 && message.startsWith(logger.split("-")[0]);
            String prefix = prefixed ? message.substring(0, colon) : logger;
            String text = prefixed ? message.substring(colon + 2) : message;
            line.append(prefix).append(": ").append(levelWord(event.getLevel())).append(": ").append(text);
        } else {
            line.append("loft: ").append(levelWord(event.getLevel())).append(": ").append(message);
        }
        line.append(CoreConstants.LINE_SEPARATOR);
        if (event.getThrowableProxy() != null) {
            line.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append(CoreConstants.LINE_SEPARATOR);
        }
        return line.toString();
    }

    static String levelWord(Level level) {
        return switch (level.levelInt) {
            case Level.ERROR_INT -> "Error";
            case Level.WARN_INT -> "Warning";
            case Level.INFO_INT -> "Info";
            default -> "Debug";
        };
    }
}
