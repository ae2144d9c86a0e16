package org.loftmail.core.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * syslog_facility: the names Dovecot 2.3 accepts (case-sensitive, as it compares them) with their RFC 3164
 * §4.1.1 facility codes. Dovecot refuses any other name at startup ("Unknown syslog_facility: …"), so Loft does too.
 */
public enum SyslogFacility {
    KERN(0), USER(1), MAIL(2), DAEMON(3), AUTH(4), SYSLOG(5), LPR(6), NEWS(7), UUCP(8), CRON(9), AUTHPRIV(10),
    FTP(11), LOCAL0(16), LOCAL1(17), LOCAL2(18), LOCAL3(19), LOCAL4(20), LOCAL5(21), LOCAL6(22), LOCAL7(23);

    private final int code;

    SyslogFacility(int code) {
        this.code = code;
    }

    /** The facility number; the PRI of a message is {@code code * 8 + severity}. */
    public int code() {
        return code;
    }

    /** The name as written in the configuration ("mail", "local0"). */
    public String settingName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<SyslogFacility> byName(String name) {
        return Arrays.stream(values()).filter(f -> f.settingName().equals(name)).findFirst();
    }

    /** For error messages: every accepted name. */
    public static String names() {
        return Arrays.stream(values()).map(SyslogFacility::settingName).collect(Collectors.joining(", "));
    }
}
