package org.loftmail.core.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One assigned value as written in the configuration, after {@code $var} and {@code <file}
 * resolution but before any {@code %} variable expansion (values stay templates).
 *
 * @param value the value text
 * @param location where it was assigned
 * @param sourceFile the file the value was read from with {@code key = <file}, or null
 */
public record ConfigValue(String value, SourceLocation location, Path sourceFile) {

    public ConfigValue {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(location, "location");
    }

    public static ConfigValue builtIn(String value) {
        return new ConfigValue(value, SourceLocation.BUILT_IN, null);
    }

    public boolean fromFile() {
        return sourceFile != null;
    }
}
