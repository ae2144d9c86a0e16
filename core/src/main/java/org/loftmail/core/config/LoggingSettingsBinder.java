package org.loftmail.core.config;

/** Binds the logging settings of one effective view (docs/adr/0103). */
public final class LoggingSettingsBinder {

    private LoggingSettingsBinder() {}

    public static LoggingSettings bind(Settings s) {
        return SettingsBinding.bind(s, () -> {
            String log = s.string("log_path");
            String info = s.string("info_log_path").isEmpty() ? log : s.string("info_log_path");
            String debug = s.string("debug_log_path").isEmpty() ? info : s.string("debug_log_path");
            boolean authDebugPasswords = s.bool("auth_debug_passwords");
            String facilityName = s.string("syslog_facility");
            SyslogFacility facility = SyslogFacility.byName(facilityName).orElseThrow(() -> s.invalid(
                    "syslog_facility", "unknown syslog facility '" + facilityName + "' (use one of "
                            + SyslogFacility.names() + ")"));
            return new LoggingSettings(log, info, debug, facility, s.string("instance_name"),
                    s.string("log_timestamp"), s.bool("mail_debug"), s.bool("auth_verbose"),
                    s.string("auth_verbose_passwords"), s.bool("auth_debug") || authDebugPasswords,
                    authDebugPasswords, s.bool("verbose_ssl"), s.string("login_log_format_elements"),
                    s.string("login_log_format"), s.string("mail_log_prefix"));
        });
    }
}
