package org.loftmail.server;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.loftmail.core.config.ConfigException;
import org.loftmail.core.config.Settings;
import org.loftmail.imap.ImapSettings;
import org.loftmail.pop3.Pop3Settings;

/** Binds the imap_* and pop3_* settings (for one protocol's filtered view) into the services' records. */
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

    static Pop3Settings pop3(Settings s) {
        try {
            Set<Pop3Settings.ClientWorkaround> workarounds = EnumSet.noneOf(Pop3Settings.ClientWorkaround.class);
            for (String w : s.list("pop3_client_workarounds")) {
                workarounds.add(Pop3Settings.ClientWorkaround.parse(w));
            }
            return new Pop3Settings(
                    s.string("pop3_uidl_format"),
                    s.bool("pop3_lock_session"),
                    s.bool("pop3_no_flag_updates"),
                    s.bool("pop3_reuse_xuidl"),
                    s.bool("pop3_save_uidl"),
                    switch (s.string("pop3_delete_type")) {
                        case "expunge" -> Pop3Settings.DeleteType.EXPUNGE;
                        case "flag" -> Pop3Settings.DeleteType.FLAG;
                        default -> Pop3Settings.DeleteType.DEFAULT;
                    },
                    s.string("pop3_deleted_flag"),
                    s.bool("pop3_enable_last"),
                    workarounds,
                    s.string("pop3_logout_format"),
                    s.string("pop3_uidl_duplicates").equals("rename")
                            ? Pop3Settings.UidlDuplicates.RENAME
                            : Pop3Settings.UidlDuplicates.ALLOW,
                    s.string("login_greeting"),
                    s.string("ssl").equals("required"),
                    Duration.ofSeconds(10));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(s.location("pop3_uidl_format"), e.getMessage());
        }
    }

    private static long pluginSize(Settings s, String key) {
        String v = s.plugin(key);
        return v.isEmpty() ? 0 : org.loftmail.core.config.SettingType.parseSize(v);
    }
}
