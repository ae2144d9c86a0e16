package org.loftmail.imap;

import org.loftmail.core.config.Settings;
import org.loftmail.core.config.SettingsBinding;

/** Binds the settings the IMAP service reads (docs/adr/0103); pass {@code config.settings("imap")}. */
public final class ImapSettingsBinder {

    private ImapSettingsBinder() {}

    public static ImapSettings bind(Settings s) {
        return SettingsBinding.bind(s, () -> new ImapSettings(
                (int) Math.min(Integer.MAX_VALUE, s.size("imap_max_line_length")),
                s.pluginSize("quota_max_mail_size"),
                (int) Math.min(Integer.MAX_VALUE, s.uint("mail_max_userip_connections")),
                s.duration("imap_idle_notify_interval"),
                s.duration("mailbox_idle_check_interval"),
                ImapSettings.defaults().loginTimeout(),
                ImapSettings.defaults().autologout(),
                s.string("login_greeting"),
                "Loft"));
    }
}
