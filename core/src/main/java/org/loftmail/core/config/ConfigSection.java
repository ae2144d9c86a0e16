package org.loftmail.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One parsed section ({@code passdb { driver = pam }}) or the top level (type {@code ""}), with its
 * settings in the order they were first set and its child sections in file order.
 *
 * @param type the section type
 * @param name the section name ({@code ""} when none); for filters the arguments as written
 * @param location where the section was first opened
 * @param settings the assigned values by key
 * @param children the child sections
 * @param typed false for sections of a free-form file read with {@link ConfigParser#parseUntyped}
 */
public record ConfigSection(
        String type, String name, SourceLocation location, Map<String, ConfigValue> settings,
        List<ConfigSection> children, boolean typed) implements TypedSettings {

    public ConfigSection {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        children = List.copyOf(children);
    }

    /** This section type's definition, or null for sections of an untyped (free-form) file. */
    public SectionDefinition sectionDefinition() {
        return typed ? SettingDefinitions.SECTIONS.get(type) : null;
    }

    @Override
    public SettingDefinition definition(String key) {
        SectionDefinition def = sectionDefinition();
        if (def == null) {
            return settings.containsKey(key)
                    ? new SettingDefinition(key, SettingType.STRING, "", Support.HONOURED, List.of(), "", true)
                    : null;
        }
        return def.key(key);
    }

    @Override
    public Optional<ConfigValue> explicit(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    /**
     * Where the effective value of {@code key} was set in this block; for a key the block leaves unset, the block
     * itself (a passdb without a driver is reported at the line that opens its block, not at a built-in default).
     */
    @Override
    public SourceLocation location(String key) {
        SourceLocation at = TypedSettings.super.location(key);
        return at.isBuiltIn() ? location : at;
    }

    /** Child sections of one type, in order. */
    public List<ConfigSection> children(String childType) {
        List<ConfigSection> out = new ArrayList<>();
        for (ConfigSection c : children) {
            if (c.type.equals(childType)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The child section of a type and name. */
    public Optional<ConfigSection> child(String childType, String childName) {
        return children.stream().filter(c -> c.type.equals(childType) && c.name.equals(childName)).findFirst();
    }

    /** {@code type name} as written in a header, e.g. {@code service imap-login}. */
    public String header() {
        return name.isEmpty() ? type : type + " " + name;
    }
}
