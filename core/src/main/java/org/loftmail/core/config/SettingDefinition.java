package org.loftmail.core.config;

import java.util.List;
import java.util.Objects;

/**
 * One row of the settings table.
 *
 * @param name Dovecot's name
 * @param type the kind of value
 * @param defaultValue Dovecot's default (Loft's, where {@code note} says it differs)
 * @param support what Loft does with it
 * @param allowed the allowed values of an {@link SettingType#ENUM}, else empty
 * @param note why a warning or an error is given, or how Loft differs; may be empty
 * @param filterable false for settings that cannot be set inside protocol/local/remote filters
 */
public record SettingDefinition(
        String name, SettingType type, String defaultValue, Support support, List<String> allowed, String note,
        boolean filterable) {

    public SettingDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(support, "support");
        allowed = List.copyOf(allowed);
        note = note == null ? "" : note;
        if ((type == SettingType.ENUM) == allowed.isEmpty()) {
            throw new IllegalArgumentException(name + ": only ENUM settings list allowed values");
        }
        if (type == SettingType.ENUM && !allowed.contains(defaultValue)) {
            throw new IllegalArgumentException(name + ": default '" + defaultValue + "' is not allowed");
        }
    }

    /** What is wrong with {@code value} for this setting, or null when it is valid. */
    public String problemWith(String value) {
        if (value.isEmpty() && defaultValue.isEmpty()) {
            return null; // an empty value means "unset" where the default is unset too
        }
        return type.problemWith(value, allowed);
    }
}
