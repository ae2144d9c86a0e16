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
 * Dovecot's log line: {@code Nov 23 04:11:47 imap(jsmith): Info: Disconnected: Logged out in=12 out=345}.
 * MailLog messages carry their own "prefix: Level:" part; other loggers' lines get the prefix "loft".
 */
public final class DovecotLayout extends LayoutBase<ILoggingEvent> {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("MMM dd HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(160);
        line.append(TIME.format(Instant.ofEpochMilli(event.getTimeStamp()))).append(' ');
        if (!event.getLoggerName().startsWith(MailLog.LOGGER_ROOT)) {
            line.append("loft: ").append(levelWord(event.getLevel())).append(": ");
        }
        line.append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
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
