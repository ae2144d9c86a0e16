package org.loftmail.core.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log lines in Dovecot's shape, so fail2ban filters and logwatch keep working:
 * {@code imap-login: Info: Login: user=<jsmith>, method=PLAIN, rip=203.0.113.5, lip=10.0.0.1, mpid=…, TLS}.
 * The prefix names the service and, after login, the user ({@code imap(jsmith)}); the level word follows it.
 * The server's logging setup adds the timestamp and routes levels to log_path / info_log_path / debug_log_path.
 *
 * <p>Messages are written as given: callers must not put passwords in them, and values that came from a client
 * go through {@link #sanitize(String)} so a client cannot forge log lines.
 */
public final class MailLog {

    /** Every MailLog writes through loggers below this name; the server's logging setup keys on it. */
    public static final String LOGGER_ROOT = "loft.mail";

    /*
     * The prefix and text travel as the two arguments, so a syslog writer can drop the "Info: " word exactly
     * (Dovecot's syslog lines have no "Info: ", the priority says it) even when a user name contains ": Info: ".
     */
    private static final String DEBUG_LINE = "{}: Debug: {}";
    private static final String INFO_LINE = "{}: Info: {}";
    private static final String WARNING_LINE = "{}: Warning: {}";
    private static final String ERROR_LINE = "{}: Error: {}";

    private final String prefix;
    private final Logger logger;

    private MailLog(String prefix, String service) {
        this.prefix = prefix;
        this.logger = LoggerFactory.getLogger(LOGGER_ROOT + "." + service);
    }

    /** A log for a service: {@code MailLog.of("imap-login")}. */
    public static MailLog of(String service) {
        return new MailLog(service, service);
    }

    /** A log for a service acting for a user or id: {@code MailLog.of("imap", "jsmith")} prints {@code imap(jsmith)}. */
    public static MailLog of(String service, String who) {
        return new MailLog(service + "(" + sanitize(who) + ")", service);
    }

    public String prefix() {
        return prefix;
    }

    public boolean isDebugEnabled() {
        return logger.isDebugEnabled();
    }

    public void debug(String message) {
        if (logger.isDebugEnabled()) {
            logger.debug(DEBUG_LINE, prefix, message);
        }
    }

    public void info(String message) {
        logger.info(INFO_LINE, prefix, message);
    }

    public void warn(String message) {
        logger.warn(WARNING_LINE, prefix, message);
    }

    public void error(String message) {
        logger.error(ERROR_LINE, prefix, message);
    }

    public void error(String message, Throwable cause) {
        logger.error(ERROR_LINE, prefix, message, cause);
    }

    /** Replaces control characters (CR, LF, TAB, NUL…) with '?' and caps the length, as Dovecot's str_sanitize. */
    public static String sanitize(String value) {
        if (value == null) {
            return "";
        }
        int max = 256;
        StringBuilder out = new StringBuilder(Math.min(value.length(), max + 3));
        for (int i = 0; i < value.length(); i++) {
            if (out.length() >= max) {
                out.append("...");
                break;
            }
            char c = value.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.toString();
    }
}
