package org.loftmail.pop3;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.loftmail.core.config.SettingsBinding;
import org.loftmail.core.config.TypedSettings;

/**
 * Binds the settings that apply to pop3 (docs/adr/0103): pass {@code config.settings("pop3")}, so that
 * {@code protocol pop3 { }} wins. A value Loft cannot use is a {@link org.loftmail.core.config.ConfigException}
 * at the file and line where that value was set.
 */
public final class Pop3SettingsBinder {

    private Pop3SettingsBinder() {}

    public static Pop3Settings bind(TypedSettings s) {
        return SettingsBinding.bind(s, () -> {
            Set<Pop3Settings.ClientWorkaround> workarounds = EnumSet.noneOf(Pop3Settings.ClientWorkaround.class);
            for (String w : s.list("pop3_client_workarounds")) {
                Pop3Settings.read("pop3_client_workarounds",
                        () -> workarounds.add(Pop3Settings.ClientWorkaround.parse(w)));
            }
            return new Pop3Settings(s.string("pop3_uidl_format"), s.bool("pop3_lock_session"),
                    s.bool("pop3_no_flag_updates"), s.bool("pop3_reuse_xuidl"), s.bool("pop3_save_uidl"),
                    Pop3Settings.DeleteType.valueOf(s.string("pop3_delete_type").toUpperCase(Locale.ROOT)),
                    s.string("pop3_deleted_flag"), s.bool("pop3_enable_last"), workarounds,
                    s.string("pop3_logout_format"),
                    Pop3Settings.UidlDuplicates.valueOf(s.string("pop3_uidl_duplicates").toUpperCase(Locale.ROOT)),
                    s.string("login_greeting"), s.string("ssl").equalsIgnoreCase("required"), Duration.ofSeconds(10),
                    (int) Math.min(s.uint("mail_max_userip_connections"), Integer.MAX_VALUE));
        });
    }
}
