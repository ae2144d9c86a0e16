package org.loftmail.managesieve;

import org.loftmail.core.config.SettingsBinding;
import org.loftmail.core.config.TypedSettings;

/**
 * Binds {@link ManageSieveSettings} (ADR 0103): pass {@code config.settings("sieve")}, so that
 * {@code protocol sieve { }} wins. A refused value is a configuration error at its {@code file:line}.
 */
public final class ManageSieveSettingsBinder {

    private ManageSieveSettingsBinder() {}

    public static ManageSieveSettings bind(TypedSettings s) {
        return SettingsBinding.bind(s, () -> new ManageSieveSettings(
                s.string("login_greeting"),
                s.string("managesieve_implementation_string"),
                s.string("managesieve_sieve_capability"),
                s.string("managesieve_notify_capability"),
                s.uint("managesieve_max_compile_errors"),
                (int) Math.min(s.size("managesieve_max_line_length"), Integer.MAX_VALUE),
                s.string("managesieve_logout_format"),
                s.string("ssl").equalsIgnoreCase("required"),
                (int) Math.min(s.uint("mail_max_userip_connections"), Integer.MAX_VALUE)));
    }
}
