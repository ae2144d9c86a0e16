package org.loftmail.core.storage.quota;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.loftmail.core.config.ConfigValue;
import org.loftmail.core.config.InvalidSettingException;
import org.loftmail.core.config.LoftConfig;
import org.loftmail.core.config.Settings;
import org.loftmail.core.config.SettingsBinding;

/**
 * Binds the quota plugin's {@code plugin { }} settings (docs/adr/0103). One storage provider serves every protocol
 * (so IDLE hears LMTP deliveries), so quota is on when any protocol loads the quota plugin, with the rules of the
 * plugin block as that protocol sees it. Each error names the line of its own key: {@code quota},
 * {@code quota_rule}, {@code quota_rule2}…, {@code quota_grace}.
 */
public final class QuotaSettingsBinder {

    private QuotaSettingsBinder() {}

    public static QuotaSettings bind(LoftConfig config) {
        Settings withQuota = null;
        for (String protocol : List.of("imap", "pop3", "lmtp", "lda")) {
            Settings s = config.settings(protocol);
            if (s.list("mail_plugins").contains("quota")) {
                withQuota = s;
                break;
            }
        }
        if (withQuota == null || withQuota.plugin("quota").isEmpty()) {
            return QuotaSettings.NONE;
        }
        return bind(withQuota);
    }

    /** The quota settings of one protocol's view that loads the plugin. */
    public static QuotaSettings bind(Settings s) {
        return SettingsBinding.bind(s, () -> {
            String quota = s.plugin("quota");
            QuotaSettings.Backend backend = read("quota", () -> QuotaSettings.backend(quota));
            List<QuotaRule> rules = new ArrayList<>();
            for (Map.Entry<String, ConfigValue> e : s.pluginValues().entrySet()) {
                if (e.getKey().matches("quota_rule\\d*")) {
                    rules.add(read(e.getKey(), () -> QuotaRule.parse(e.getValue().value())));
                }
            }
            QuotaGrace grace = read("quota_grace", () -> QuotaGrace.parse(expandGrace(s.plugin("quota_grace"))));
            return new QuotaSettings(Optional.of(backend), QuotaSettings.rootName(quota), rules, grace);
        });
    }

    /**
     * Dovecot 2.3 expands every plugin setting with the user's variables before the quota plugin reads it, so its
     * documented {@code quota_grace = 10%%} (and Loft's default) means 10%; a lone trailing {@code %}, which
     * Dovecot's expansion keeps, still means a percentage. Loft binds quota once for all users, so a variable
     * here ({@code %u}, {@code %{userdb:grace}}) is refused rather than read as text.
     */
    static String expandGrace(String template) {
        StringBuilder out = new StringBuilder(template.length());
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '%' && i + 1 < template.length()) {
                if (template.charAt(i + 1) != '%') {
                    throw new IllegalArgumentException("quota_grace is read once for all users; Loft cannot expand "
                            + template.substring(i) + " in it");
                }
                i++;
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A quota value's parser; its errors keep the "quota: " prefix they have always had. */
    private static <T> T read(String key, Supplier<T> parse) {
        try {
            return SettingsBinding.read(key, parse);
        } catch (InvalidSettingException e) {
            throw new InvalidSettingException(e.key(), "quota: " + e.getMessage());
        }
    }
}
