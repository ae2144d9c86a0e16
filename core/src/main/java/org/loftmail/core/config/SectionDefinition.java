package org.loftmail.core.config;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A section type ({@code service}, {@code passdb}, {@code protocol}, ...) with the keys and child
 * sections it may hold.
 *
 * @param type the section type as written ({@code ""} for the top level)
 * @param naming whether the section takes a name
 * @param keys the settings allowed inside, by name
 * @param numberedKeys keys that may also appear with a number suffix ({@code quota_rule2})
 * @param childTypes the section types allowed inside
 * @param support HONOURED, or how Loft treats the whole section
 * @param unnamedRepeat true when each unnamed occurrence is a new entry (passdb, userdb) rather
 *     than merged into the previous one (plugin)
 */
public record SectionDefinition(
        String type, Naming naming, Map<String, SettingDefinition> keys, Set<String> numberedKeys,
        Set<String> childTypes, Support support, boolean unnamedRepeat) {

    /** Whether a section header carries a name. */
    public enum Naming {
        /** {@code plugin {} } */
        NONE,
        /** {@code passdb [name] {} } */
        OPTIONAL,
        /** {@code service imap-login {} } */
        REQUIRED,
        /** {@code protocol imap pop3 {}}, {@code local 10.0.0.0/8 {}}: a filter with its arguments */
        FILTER
    }

    public SectionDefinition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(naming, "naming");
        keys = Map.copyOf(keys);
        numberedKeys = Set.copyOf(numberedKeys);
        childTypes = Set.copyOf(childTypes);
        Objects.requireNonNull(support, "support");
    }

    /** The definition of {@code key} inside this section, or null when the key is not allowed. */
    public SettingDefinition key(String key) {
        SettingDefinition def = keys.get(key);
        if (def != null) {
            return def;
        }
        int end = key.length();
        while (end > 0 && Character.isDigit(key.charAt(end - 1))) {
            end--;
        }
        if (end < key.length() && end > 0) {
            String base = key.substring(0, end);
            if (numberedKeys.contains(base)) {
                return keys.get(base);
            }
        }
        return null;
    }

    public boolean isFilter() {
        return naming == Naming.FILTER;
    }
}
