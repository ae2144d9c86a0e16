package org.loftmail.core.config.v24;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.loftmail.core.config.ConfigException;
import org.loftmail.core.config.ConfigParser;
import org.loftmail.core.config.ConfigSection;
import org.loftmail.core.config.ConfigValue;
import org.loftmail.core.config.SettingDefinitions;
import org.loftmail.core.config.SourceLocation;

/**
 * 2.4's {@code quota "name" { quota_storage_size = 1G quota_message_count = 1000 }} blocks and top-level
 * {@code quota_*} settings as the quota plugin's 2.3 settings: {@code quota = count:name},
 * {@code quota_rule = *:storage=1G:messages=1000} (the second block {@code quota2}, …), in one {@code plugin { }}.
 */
final class QuotaTranslator {

    private record PluginSetting(String key, String value, SourceLocation at) {}

    private final Values values;
    private final List<PluginSetting> settings = new ArrayList<>();
    private int quotas;

    QuotaTranslator(Values values) {
        this.values = values;
    }

    /** A top-level 2.4 setting that 2.3 wrote in {@code plugin { }}. */
    static boolean isQuotaSetting(String key) {
        return key.startsWith("quota_") && SettingDefinitions.global(key) == null
                && (SettingDefinitions.PLUGIN.containsKey(key) || V24Names.ONLY_24.contains(key));
    }

    void top(Scope scope, String key, ConfigValue v) {
        if (scope.parent() != null) {
            throw new ConfigException(v.location(), key + ": Loft reads quota settings only at the top level yet");
        }
        if (key.equals("quota_storage_size") || key.equals("quota_message_count")) {
            throw new ConfigException(v.location(), key + ": Loft reads it only inside a quota \"name\" { } block yet");
        }
        settings.add(new PluginSetting(key, values.of(scope, key, v), v.location()));
    }

    void block(Scope outer, ConfigSection block) {
        if (outer.parent() != null) {
            throw new ConfigException(block.location(), "Loft reads quota blocks only at the top level yet");
        }
        if (!block.children().isEmpty()) {
            throw new ConfigException(block.children().get(0).location(), "Unknown section in quota: "
                    + block.children().get(0).header());
        }
        Scope scope = outer.enter(block);
        quotas++;
        String suffix = quotas == 1 ? "" : String.valueOf(quotas);
        String driver = "count";
        StringBuilder rule = new StringBuilder("*");
        SourceLocation ruleAt = null;
        for (Map.Entry<String, ConfigValue> e : block.settings().entrySet()) {
            String value = values.of(scope, e.getKey(), e.getValue());
            SourceLocation at = e.getValue().location();
            switch (e.getKey()) {
                case "quota_driver", "driver" -> driver = value;
                case "quota_storage_size" -> {
                    if (!value.equals("unlimited")) {
                        rule.append(":storage=").append(value);
                        ruleAt = ruleAt == null ? at : ruleAt;
                    }
                }
                case "quota_message_count" -> {
                    if (!value.equals("unlimited")) {
                        rule.append(":messages=").append(value);
                        ruleAt = ruleAt == null ? at : ruleAt;
                    }
                }
                case "quota_storage_grace" -> settings.add(new PluginSetting("quota_grace", value, at));
                default -> throw new ConfigException(at, "Loft does not read " + e.getKey() + " in a quota block yet");
            }
        }
        settings.add(new PluginSetting("quota" + suffix, driver + ":" + block.name(), block.location()));
        if (ruleAt != null) {
            settings.add(new PluginSetting("quota" + suffix + "_rule", rule.toString(), ruleAt));
        }
    }

    void emit(ConfigParser.TreeWriter out) {
        if (settings.isEmpty()) {
            return;
        }
        out.open("plugin", "", settings.get(0).at());
        for (PluginSetting s : settings) {
            out.set(s.key(), s.value(), s.at(), null);
        }
        out.close();
    }
}
