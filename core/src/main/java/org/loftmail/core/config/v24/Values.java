package org.loftmail.core.config.v24;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.loftmail.core.config.ConfigException;
import org.loftmail.core.config.ConfigValue;
import org.loftmail.core.config.SettingDefinition;
import org.loftmail.core.config.SettingDefinitions;

/** A 2.4 value made into its 2.3 form: {@code $SET:name} and {@code $ENV:name} resolved, variables rewritten. */
final class Values {

    private static final Pattern DOLLAR = Pattern.compile("\\$(SET|ENV):([A-Za-z0-9_/]+)");

    private static final int MAX_DEPTH = 20;

    private final Map<String, String> environment;
    private final Boollists boollists;

    Values(Map<String, String> environment, Boollists boollists) {
        this.environment = environment;
        this.boollists = boollists;
    }

    /** The value with {@code $SET:}/{@code $ENV:} resolved and its {@code %{…}} pipelines in 2.3's syntax. */
    String of(Scope scope, String key, ConfigValue value) {
        return template(key, value, expand(scope, value));
    }

    /** Only {@code $SET:}/{@code $ENV:} resolved: for values that are no template (file names, booleans). */
    String expand(Scope scope, ConfigValue value) {
        return expand(scope, value, 0);
    }

    private String expand(Scope scope, ConfigValue value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ConfigException(value.location(), "$SET: references nested more than " + MAX_DEPTH
                    + " deep (a loop?)");
        }
        String raw = value.value();
        if (raw.indexOf('$') < 0) {
            return raw;
        }
        Matcher m = DOLLAR.matcher(raw);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2);
            String replacement = m.group(1).equals("ENV") ? environment.getOrDefault(name, "")
                    : setting(scope, name, value, depth);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The 2.3 form of the variables in an already expanded value. */
    String template(String key, ConfigValue at, String expanded) {
        try {
            return V24Variables.to23(expanded);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(at.location(), key + ": " + e.getMessage());
        }
    }

    private String setting(Scope scope, String name, ConfigValue at, int depth) {
        if (V24Names.BOOLLISTS.contains(name)) {
            return String.join(" ", boollists.items(scope.parent(), name));
        }
        ConfigValue earlier = scope.lookup(name);
        if (earlier == at) {
            // "x = $SET:x" names the value x has around this block
            earlier = scope.parent() == null ? null : scope.parent().lookup(name);
        }
        if (earlier != null) {
            return expand(scope, earlier, depth + 1);
        }
        SettingDefinition def = SettingDefinitions.global(name);
        if (def == null) {
            throw new ConfigException(at.location(), "Unknown setting in $SET:" + name);
        }
        return def.defaultValue();
    }
}
