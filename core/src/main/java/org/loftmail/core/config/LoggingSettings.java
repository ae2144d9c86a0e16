package org.loftmail.core.config;

import java.util.Objects;

/**
 * Where log lines go and how verbose they are. Paths are file names, {@code /dev/stderr}, or
 * {@code syslog}; empty info/debug paths have been resolved to the next less verbose path as in
 * Dovecot (debug_log_path falls back to info_log_path, which falls back to log_path).
 */
public record LoggingSettings(String logPath, String infoLogPath, String debugLogPath, String syslogFacility,
        String logTimestamp, boolean mailDebug, boolean authVerbose, String authVerbosePasswords, boolean authDebug,
        boolean authDebugPasswords, boolean verboseSsl, String loginLogFormatElements, String loginLogFormat,
        String mailLogPrefix) {

    public LoggingSettings {
        Objects.requireNonNull(logPath, "logPath");
        if (logPath.isEmpty()) {
            throw new IllegalArgumentException("log_path must not be empty");
        }
        Objects.requireNonNull(infoLogPath, "infoLogPath");
        Objects.requireNonNull(debugLogPath, "debugLogPath");
        Objects.requireNonNull(syslogFacility, "syslogFacility");
        Objects.requireNonNull(logTimestamp, "logTimestamp");
        Objects.requireNonNull(authVerbosePasswords, "authVerbosePasswords");
        Objects.requireNonNull(loginLogFormatElements, "loginLogFormatElements");
        Objects.requireNonNull(loginLogFormat, "loginLogFormat");
        Objects.requireNonNull(mailLogPrefix, "mailLogPrefix");
    }

    /** True when debug lines are wanted at all (mail_debug or auth_debug). */
    public boolean debug() {
        return mailDebug || authDebug;
    }

    public static LoggingSettings from(Settings s) {
        String log = s.string("log_path");
        if (log.isEmpty()) {
            throw s.invalid("log_path", "must not be empty (use /dev/stderr or syslog)");
        }
        String info = s.string("info_log_path").isEmpty() ? log : s.string("info_log_path");
        String debug = s.string("debug_log_path").isEmpty() ? info : s.string("debug_log_path");
        boolean authDebugPasswords = s.bool("auth_debug_passwords");
        return new LoggingSettings(log, info, debug, s.string("syslog_facility"), s.string("log_timestamp"),
                s.bool("mail_debug"), s.bool("auth_verbose"), s.string("auth_verbose_passwords"),
                s.bool("auth_debug") || authDebugPasswords, authDebugPasswords, s.bool("verbose_ssl"),
                s.string("login_log_format_elements"), s.string("login_log_format"), s.string("mail_log_prefix"));
    }
}
