package org.loftmail.managesieve;

import org.loftmail.core.config.InvalidSettingException;

/**
 * The settings ManageSieve reads (Pigeonhole 0.5's 20-managesieve.conf, and the login settings it shares with the
 * other protocols), validated once; bound by {@link ManageSieveSettingsBinder} from {@code config.settings("sieve")}.
 *
 * @param loginGreeting {@code login_greeting}, the greeting's {@code OK} text
 * @param implementationString {@code managesieve_implementation_string}, the IMPLEMENTATION capability
 * @param sieveCapability {@code managesieve_sieve_capability}; empty: the extensions the compiler has enabled
 * @param notifyCapability {@code managesieve_notify_capability}; empty: {@code mailto} when enotify is enabled
 * @param maxCompileErrors {@code managesieve_max_compile_errors}: errors reported for one script (0: all)
 * @param maxLineLength {@code managesieve_max_line_length} in bytes
 * @param logoutFormat {@code managesieve_logout_format} ({@code %i}/{@code %o}: bytes in/out)
 * @param sslRequired {@code ssl = required}: no authentication before TLS (local connections excepted)
 * @param maxUserIpConnections {@code mail_max_userip_connections} for sieve (0: unlimited)
 */
public record ManageSieveSettings(String loginGreeting, String implementationString, String sieveCapability,
        String notifyCapability, long maxCompileErrors, int maxLineLength, String logoutFormat, boolean sslRequired,
        int maxUserIpConnections) {

    public ManageSieveSettings {
        if (maxLineLength < 1024) {
            throw new InvalidSettingException("managesieve_max_line_length", "must be at least 1024 bytes");
        }
        if (maxCompileErrors < 0) {
            throw new InvalidSettingException("managesieve_max_compile_errors", "must not be negative");
        }
        for (String v : new String[] {implementationString, sieveCapability, notifyCapability, loginGreeting}) {
            if (v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\0') >= 0) {
                throw new InvalidSettingException("managesieve_implementation_string", "must be one line");
            }
        }
    }

    /** Dovecot's and Pigeonhole's defaults (with Loft's login greeting). */
    public static ManageSieveSettings defaults() {
        return new ManageSieveSettings("Loft ready.", "Dovecot Pigeonhole", "", "", 5, 65536, "bytes=%i/%o", false, 10);
    }

    public ManageSieveSettings withGreeting(String greeting) {
        return new ManageSieveSettings(greeting, implementationString, sieveCapability, notifyCapability,
                maxCompileErrors, maxLineLength, logoutFormat, sslRequired, maxUserIpConnections);
    }

    public ManageSieveSettings withSslRequired(boolean required) {
        return new ManageSieveSettings(loginGreeting, implementationString, sieveCapability, notifyCapability,
                maxCompileErrors, maxLineLength, logoutFormat, required, maxUserIpConnections);
    }

    public ManageSieveSettings withMaxCompileErrors(long max) {
        return new ManageSieveSettings(loginGreeting, implementationString, sieveCapability, notifyCapability,
                max, maxLineLength, logoutFormat, sslRequired, maxUserIpConnections);
    }

    public ManageSieveSettings withMaxUserIpConnections(int max) {
        return new ManageSieveSettings(loginGreeting, implementationString, sieveCapability, notifyCapability,
                maxCompileErrors, maxLineLength, logoutFormat, sslRequired, max);
    }

    /** The logout format with {@code %i}/{@code %o} (and {@code %{input}}/{@code %{output}}) filled in. */
    public String logoutLine(long in, long out) {
        return logoutFormat.replace("%{input}", Long.toString(in)).replace("%{output}", Long.toString(out))
                .replace("%i", Long.toString(in)).replace("%o", Long.toString(out));
    }
}
