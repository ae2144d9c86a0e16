package org.loftmail.core.config.v24;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.loftmail.core.config.ConfigException;
import org.loftmail.core.config.ConfigSection;
import org.loftmail.core.config.ConfigValue;
import org.loftmail.core.config.SettingDefinitions;
import org.loftmail.core.config.SettingType;

/**
 * 2.4's boolean lists ({@code mail_plugins { quota = yes }}, {@code protocols { imap = yes }}) as the word lists 2.3
 * writes. A block inside a filter adds to (or with {@code = no} removes from) the list of the enclosing scope, as
 * in Dovecot; a plain assignment ({@code mail_plugins = quota}) replaces it.
 */
final class Boollists {

    private Values values;

    void use(Values v) {
        this.values = v;
    }

    /** True when the scope itself writes the list (as a value or as a block). */
    static boolean written(Scope scope, String name) {
        return scope.section().settings().containsKey(name) || !scope.section().children(name).isEmpty();
    }

    /** The items in effect in {@code scope} (null: the built-in default). */
    List<String> items(Scope scope, String name) {
        if (scope == null) {
            var def = SettingDefinitions.global(name);
            return def == null ? List.of() : SettingType.parseList(def.defaultValue());
        }
        List<String> items = new ArrayList<>(items(scope.parent(), name));
        ConfigValue assigned = scope.section().settings().get(name);
        if (assigned != null) {
            items = new ArrayList<>(SettingType.parseList(values.expand(scope, assigned)));
        }
        for (ConfigSection block : scope.section().children(name)) {
            if (!block.children().isEmpty()) {
                throw new ConfigException(block.children().get(0).location(), name + " { } holds only name = yes/no");
            }
            for (Map.Entry<String, ConfigValue> e : block.settings().entrySet()) {
                String word = e.getValue().value().strip();
                if (word.equals("yes")) {
                    if (!items.contains(e.getKey())) {
                        items.add(e.getKey());
                    }
                } else if (word.equals("no")) {
                    items.remove(e.getKey());
                } else {
                    throw new ConfigException(e.getValue().location(), name + " { " + e.getKey()
                            + " }: Invalid boolean '" + word + "' (use yes or no)");
                }
            }
        }
        return items;
    }
}
