package org.loftmail.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.loftmail.core.log.MailLog;

/**
 * One log event in Dovecot's parts: the prefix ({@code imap(jsmith)}, {@code imap-login}, {@code loft}), the level
 * and the text. Files get {@code prefix: Info: text}; syslog gets {@code prefix: text} for informational lines and
 * keeps the word for the others, as Dovecot 2.3 does (its syslog lines read {@code imap-login: Login: …} and
 * {@code imap(jsmith): Error: …}: the priority carries the level).
 *
 * @param prefix null when the message is kept as it was written (a line under loft.mail not written by MailLog)
 */
record LogLine(String prefix, Level level, String text) {

    static LogLine of(ILoggingEvent event) {
        String logger = event.getLoggerName();
        Level level = event.getLevel();
        Object[] args = event.getArgumentArray();
        if (logger.startsWith(MailLog.LOGGER_ROOT)) {
            // MailLog logs "{}: Word: {}" with the prefix and the text as arguments.
            String pattern = "{}: " + levelWord(level) + ": {}";
            if (pattern.equals(event.getMessage()) && args != null && args.length >= 2) {
                return new LogLine(String.valueOf(args[0]), level, String.valueOf(args[1]));
            }
            return new LogLine(null, level, event.getFormattedMessage());
        }
        String message = event.getFormattedMessage();
        if (logger.indexOf('.') < 0) {
            // A logger named after a Dovecot service ("imap-login", "auth") whose message starts with its
            // prefix ("imap(jsmith): Disconnected…"): the level word goes after the prefix, as Dovecot writes it.
            int colon = message.indexOf(": ");
            boolean prefixed = colon > 0 && message.startsWith(logger.split("-")[0]);
            return prefixed
                    ? new LogLine(message.substring(0, colon), level, message.substring(colon + 2))
                    : new LogLine(logger, level, message);
        }
        return new LogLine("loft", level, message);
    }

    /** The file form: {@code imap(jsmith): Info: Disconnected: Logged out in=12 out=345}. */
    String withLevelWord() {
        return prefix == null ? text : prefix + ": " + levelWord(level) + ": " + text;
    }

    /** The syslog form: {@code imap-login: Login: …}, {@code imap(jsmith): Error: …}. */
    String forSyslog() {
        if (prefix == null) {
            String infoWord = ": " + levelWord(Level.INFO) + ": ";
            int at = text.indexOf(": ");
            return level == Level.INFO && at > 0 && text.startsWith(infoWord, at)
                    ? text.substring(0, at) + ": " + text.substring(at + infoWord.length())
                    : text;
        }
        return level == Level.INFO ? prefix + ": " + text : withLevelWord();
    }

    /** The prefix for follow-up lines of this event (a backtrace). */
    String prefixOrLoft() {
        return prefix != null ? prefix : "loft";
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
