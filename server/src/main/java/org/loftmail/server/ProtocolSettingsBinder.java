package org.loftmail.server;

import org.loftmail.core.config.ConfigException;
import org.loftmail.core.config.Settings;
import org.loftmail.imap.ImapSettings;

/** Binds the imap_* settings (for one protocol's filtered view) into the services' records. */
final class ProtocolSettingsBinder {

    private ProtocolSettingsBinder() {}

    static ImapSettings imap(Settings s) {
        try {
            return new ImapSettings(
                    (int) Math.min(Integer.MAX_VALUE, s.size("imap_max_line_length")),
                    pluginSize(s, "quota_max_mail_size"),
                    (int) Math.min(Integer.MAX_VALUE, s.uint("mail_max_userip_connections")),
                    s.duration("imap_idle_notify_interval"),
                    s.duration("mailbox_idle_check_interval"),
                    ImapSettings.defaults().loginTimeout(),
                    ImapSettings.defaults().autologout(),
                    s.string("login_greeting"),
                    "Loft");
        } catch (IllegalArgumentException e) {
            throw new ConfigException(s.location("imap_max_line_length"), e.getMessage());
        }
    }

    private static long pluginSize(Settings s, String key) {
        String v = s.plugin(key);
        return v.isEmpty() ? 0 : org.loftmail.core.config.SettingType.parseSize(v);
    }
}
