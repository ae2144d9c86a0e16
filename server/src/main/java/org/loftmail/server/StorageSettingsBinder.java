package org.loftmail.server;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.loftmail.core.config.ConfigException;
import org.loftmail.core.config.ConfigSection;
import org.loftmail.core.config.InvalidSettingException;
import org.loftmail.core.config.LoftConfig;
import org.loftmail.core.config.SettingsBinding;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.MailboxSetting;
import org.loftmail.core.storage.Namespace;
import org.loftmail.core.storage.SpecialUse;
import org.loftmail.core.storage.quota.QuotaSettingsBinder;
import org.loftmail.mbox.MboxSettings;

/**
 * Binds {@code namespace { mailbox { } }} blocks and the quota plugin's settings for the storage provider
 * (docs/adr/0103). A bad value is reported at the line of its own key inside its block.
 */
final class StorageSettingsBinder {

    private StorageSettingsBinder() {}

    /** Maildir++'s hierarchy separator, which Dovecot uses when a namespace names none. */
    static final char DEFAULT_SEPARATOR = '.';

    /**
     * The separator Dovecot uses when a namespace names none: its mailbox list's own, '/' for mbox (folders are
     * directories), '.' for Maildir++. Read from the global mail_location (a userdb {@code mail} field cannot change
     * the namespaces).
     */
    static char defaultSeparator(LoftConfig config) {
        return config.settings().string("mail_location").startsWith("mbox:") ? '/' : DEFAULT_SEPARATOR;
    }

    static StorageSettings bind(LoftConfig config) {
        return new StorageSettings(namespaces(config), QuotaSettingsBinder.bind(config), mbox(config));
    }

    /** {@code mbox_read_locks}, {@code mbox_write_locks}, {@code mbox_lock_timeout}, {@code mbox_dotlock_change_timeout}. */
    private static MboxSettings mbox(LoftConfig config) {
        var s = config.settings();
        return SettingsBinding.bind(s, () -> SettingsBinding.read("mbox_write_locks", () -> new MboxSettings(
                SettingsBinding.read("mbox_read_locks", () -> MboxSettings.methods(s.string("mbox_read_locks"))),
                MboxSettings.methods(s.string("mbox_write_locks")),
                s.duration("mbox_lock_timeout"), s.duration("mbox_dotlock_change_timeout"))));
    }

    private static List<Namespace> namespaces(LoftConfig config) {
        List<Namespace> out = new ArrayList<>();
        char defaultSeparator = defaultSeparator(config);
        for (ConfigSection ns : config.sections("namespace")) {
            out.add(namespace(ns, defaultSeparator));
        }
        if (out.isEmpty()) {
            out.add(Namespace.inbox(defaultSeparator, List.of()));
        }
        if (out.stream().noneMatch(Namespace::inbox)) {
            // Dovecot names no line for this: the first namespace block is the nearest place.
            throw new ConfigException(config.sections("namespace").get(0).location(),
                    "namespace configuration error: inbox=yes namespace missing");
        }
        return out;
    }

    private static Namespace namespace(ConfigSection ns, char defaultSeparator) {
        String sep = ns.string("separator");
        char separator = sep.isEmpty() ? defaultSeparator : sep.charAt(0);
        if (sep.length() > 1) {
            throw ns.invalid("separator", "must be a single character");
        }
        List<MailboxSetting> mailboxes = new ArrayList<>();
        for (ConfigSection mb : ns.children("mailbox")) {
            mailboxes.add(mailbox(mb, separator));
        }
        String type = ns.string("type").toUpperCase(Locale.ROOT);
        if (!type.equals("PRIVATE")) {
            throw ns.invalid("type", "Loft does not support " + ns.string("type") + " namespaces yet");
        }
        if (!ns.string("location").isEmpty()) {
            throw ns.invalid("location", "Loft does not support a per-namespace location yet");
        }
        return SettingsBinding.bind(ns, () -> {
            try {
                return new Namespace(ns.name() == null ? "" : ns.name(), Namespace.Type.PRIVATE, ns.string("prefix"),
                        separator, ns.bool("inbox"), ns.bool("hidden"), !ns.string("list").equals("no"),
                        ns.bool("subscriptions"), mailboxes);
            } catch (InvalidSettingException e) {
                throw new InvalidSettingException(e.key(), "namespace " + ns.name() + ": " + e.getMessage());
            }
        });
    }

    private static MailboxSetting mailbox(ConfigSection mb, char separator) {
        Set<SpecialUse> uses = EnumSet.noneOf(SpecialUse.class);
        for (String word : mb.list("special_use")) {
            uses.add(SpecialUse.fromImapName(word)
                    .orElseThrow(() -> mb.invalid("special_use", "unknown special-use flag " + word)));
        }
        MailboxSetting.Auto auto = switch (mb.string("auto")) {
            case "no", "" -> MailboxSetting.Auto.NO;
            case "create" -> MailboxSetting.Auto.CREATE;
            case "subscribe" -> MailboxSetting.Auto.SUBSCRIBE;
            default -> throw mb.invalid("auto", "must be no, create or subscribe");
        };
        try {
            return new MailboxSetting(MailboxName.parse(mb.name(), separator), uses, auto);
        } catch (IllegalArgumentException e) {
            // the mailbox's name is in its block's header line
            throw new ConfigException(mb.location(), "mailbox " + mb.name() + ": " + e.getMessage());
        }
    }
}
