package org.loftmail.core.config;

import java.util.Objects;

/**
 * Where log lines go and how verbose they are. Paths are file names, {@code /dev/stderr}, or
 * {@code syslog}; empty info/debug paths have been resolved to the next less verbose path as in
 * Dovecot (debug_log_path falls back to info_log_path, which falls back to log_path). Lines sent to syslog
 * carry {@code syslogIdent} (Dovecot's instance_name) as their tag and {@code syslogFacility}. Bound by
 * {@link LoggingSettingsBinder}.
 */
public record LoggingSettings(String logPath, String infoLogPath, String debugLogPath, SyslogFacility syslogFacility,
        String syslogIdent, String logTimestamp, boolean mailDebug, boolean authVerbose, String authVerbosePasswords, boolean authDebug,
        boolean authDebugPasswords, boolean verboseSsl, String loginLogFormatElements, String loginLogFormat,
        String mailLogPrefix) {

    /** The path value that means "send to the local syslog daemon" (Dovecot's default log_path). */
    public static final String SYSLOG = "syslog";

    public LoggingSettings {
        Objects.requireNonNull(logPath, "logPath");
        if (logPath.isEmpty()) {
            throw new InvalidSettingException("log_path", "log_path: must not be empty (use /dev/stderr or syslog)");
        }
        Objects.requireNonNull(infoLogPath, "infoLogPath");
        Objects.requireNonNull(debugLogPath, "debugLogPath");
        Objects.requireNonNull(syslogFacility, "syslogFacility");
        Objects.requireNonNull(syslogIdent, "syslogIdent");
        Objects.requireNonNull(logTimestamp, "logTimestamp");
        Objects.requireNonNull(authVerbosePasswords, "authVerbosePasswords");
        Objects.requireNonNull(loginLogFormatElements, "loginLogFormatElements");
        Objects.requireNonNull(loginLogFormat, "loginLogFormat");
        Objects.requireNonNull(mailLogPrefix, "mailLogPrefix");
    }

    /** True when any level goes to syslog. */
    public boolean usesSyslog() {
        return SYSLOG.equals(logPath) || SYSLOG.equals(infoLogPath) || SYSLOG.equals(debugLogPath);
    }

    /** True when debug lines are wanted at all (mail_debug or auth_debug). */
    public boolean debug() {
        return mailDebug || authDebug;
    }
}
