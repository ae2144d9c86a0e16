package org.loftmail.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The effective top-level settings for one {@link FilterContext}: the top-level values, overridden
 * by every matching filter block from the least to the most specific (so the most specific wins),
 * with the table's defaults for anything not set. Immutable.
 */
public final class Settings implements TypedSettings {

    private final ConfigSection root;
    private final FilterContext context;
    private final Map<String, ConfigValue> values;
    private final Map<String, ConfigValue> plugin;

    private Settings(ConfigSection root, FilterContext context, Map<String, ConfigValue> values,
            Map<String, ConfigValue> plugin) {
        this.root = root;
        this.context = context;
        this.values = Collections.unmodifiableMap(values);
        this.plugin = Collections.unmodifiableMap(plugin);
    }

    /** Resolves the filters of a parsed configuration for one context. */
    public static Settings resolve(ConfigSection root, FilterContext context) {
        return resolve(root, filterBlocks(root), context);
    }

    /** Every filter block of a tree with its combined conditions, in file order (computed once per load). */
    static List<Block> filterBlocks(ConfigSection root) {
        List<Block> blocks = new ArrayList<>();
        collect(root, Filter.ALL, blocks);
        return List.copyOf(blocks);
    }

    static Settings resolve(ConfigSection root, List<Block> blocks, FilterContext context) {
        List<Block> matching = new ArrayList<>();
        for (Block b : blocks) {
            if (b.filter.matches(context)) {
                matching.add(b);
            }
        }
        matching.sort((a, b) -> Filter.SPECIFICITY.compare(a.filter, b.filter)); // stable: file order on ties
        Map<String, ConfigValue> values = new LinkedHashMap<>(root.settings());
        Map<String, ConfigValue> plugin = new LinkedHashMap<>();
        root.children("plugin").forEach(p -> plugin.putAll(p.settings()));
        for (Block b : matching) {
            values.putAll(b.section.settings());
            b.section.children("plugin").forEach(p -> plugin.putAll(p.settings()));
        }
        return new Settings(root, context, values, plugin);
    }

    record Block(Filter filter, ConfigSection section) {}

    private static void collect(ConfigSection section, Filter outer, List<Block> out) {
        for (ConfigSection child : section.children()) {
            SectionDefinition def = child.sectionDefinition();
            if (def != null && def.isFilter()) {
                Filter f = Filter.parse(child.type(), child.name(), outer);
                out.add(new Block(f, child));
                collect(child, f, out);
            }
        }
    }

    public FilterContext context() {
        return context;
    }

    @Override
    public SettingDefinition definition(String key) {
        return SettingDefinitions.global(key);
    }

    @Override
    public Optional<ConfigValue> explicit(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Every explicitly set top-level value that applies in this context. */
    public Map<String, ConfigValue> explicitValues() {
        return values;
    }

    /** A list of networks such as login_trusted_networks ({@code 10.0.0.0/8 127.0.0.1 ::1}). */
    public List<IpNet> networks(String key) {
        List<IpNet> out = new ArrayList<>();
        for (String word : list(key)) {
            try {
                out.add(IpNet.parse(word));
            } catch (IllegalArgumentException e) {
                throw invalid(key, e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    /** True when {@code address} is in one of the networks of {@code key}. */
    public boolean inNetworks(String key, java.net.InetAddress address) {
        return address != null && networks(key).stream().anyMatch(n -> n.contains(address));
    }

    /** A {@code plugin { }} value (effective for this context), or the plugin table's default. */
    public String plugin(String key) {
        ConfigValue v = plugin.get(key);
        if (v != null) {
            return v.value();
        }
        SettingDefinition def = SettingDefinitions.SECTIONS.get("plugin").key(key);
        if (def == null) {
            throw new IllegalArgumentException("not a plugin setting: " + key);
        }
        return def.defaultValue();
    }

    /** A {@code plugin { }} byte size such as quota_max_mail_size; an empty value gives 0. */
    public long pluginSize(String key) {
        String v = plugin(key);
        if (v.isEmpty()) {
            return 0;
        }
        try {
            return SettingType.parseSize(v);
        } catch (IllegalArgumentException e) {
            throw invalid(key, e.getMessage());
        }
    }

    /**
     * Where the effective value of {@code key} was set: a top-level setting, a {@code plugin { }} key
     * (quota_rule2 included), or a section type such as {@code passdb} (its first block);
     * {@link SourceLocation#BUILT_IN} for a default.
     */
    @Override
    public SourceLocation location(String key) {
        if (definition(key) == null && isPluginKey(key)) {
            ConfigValue v = plugin.get(key);
            return v == null ? SourceLocation.BUILT_IN : v.location();
        }
        if (definition(key) == null && !root.children(key).isEmpty()) {
            // a problem with the blocks of a type as a whole (no regular passdb): the first block
            return root.children(key).get(0).location();
        }
        return TypedSettings.super.location(key);
    }

    private boolean isPluginKey(String key) {
        return plugin.containsKey(key) || SettingDefinitions.SECTIONS.get("plugin").key(key) != null;
    }

    /** Every explicitly set {@code plugin { }} value in this context, e.g. quota_rule, quota_rule2. */
    public Map<String, ConfigValue> pluginValues() {
        return plugin;
    }

    /** The top-level sections of a type in order: {@code sections("passdb")}, {@code sections("namespace")}. */
    public List<ConfigSection> sections(String type) {
        return root.children(type);
    }

    /** The parse tree this view was resolved from. */
    public ConfigSection root() {
        return root;
    }
}
