package org.loftmail.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Typed getters shared by the effective top-level {@link Settings} and by one {@link ConfigSection}.
 * A key that is not set gives the table's default; a key the table does not know is a programming
 * error ({@link IllegalArgumentException}).
 */
public interface TypedSettings {

    /** The definition of {@code key} in this scope, or null when the key is not allowed here. */
    SettingDefinition definition(String key);

    /** The value assigned in the configuration, if any. */
    Optional<ConfigValue> explicit(String key);

    /** The effective value text: the assigned value or the table's default. */
    default String string(String key) {
        SettingDefinition def = requireDefinition(key);
        return explicit(key).map(ConfigValue::value).orElse(def.defaultValue());
    }

    default boolean isSet(String key) {
        requireDefinition(key);
        return explicit(key).isPresent();
    }

    default boolean bool(String key) {
        return parse(key, SettingType::parseBool, false);
    }

    /** A number; {@code unlimited} gives {@link Long#MAX_VALUE}, an empty value 0. */
    default long uint(String key) {
        return parse(key, SettingType::parseUint, 0L);
    }

    /** A size in bytes; an empty value gives 0. */
    default long size(String key) {
        return parse(key, SettingType::parseSize, 0L);
    }

    /** A time interval; an empty value gives zero. */
    default Duration duration(String key) {
        return parse(key, SettingType::parseDuration, Duration.ZERO);
    }

    /** An octal file mode. */
    default int octal(String key) {
        return parse(key, SettingType::parseOctal, 0);
    }

    /** The words of the value, split on spaces and commas. */
    default List<String> list(String key) {
        return SettingType.parseList(string(key));
    }

    /** Where the effective value of {@code key} was set ({@link SourceLocation#BUILT_IN} for defaults). */
    default SourceLocation location(String key) {
        requireDefinition(key);
        return explicit(key).map(ConfigValue::location).orElse(SourceLocation.BUILT_IN);
    }

    /** An error about the value of {@code key}, located where it was set, for checks made by its consumer. */
    default ConfigException invalid(String key, String problem) {
        return new ConfigException(location(key), key + ": " + problem);
    }

    private SettingDefinition requireDefinition(String key) {
        SettingDefinition def = definition(key);
        if (def == null) {
            throw new IllegalArgumentException("not a setting of this scope: " + key);
        }
        return def;
    }

    private <T> T parse(String key, java.util.function.Function<String, T> parser, T empty) {
        String value = string(key);
        if (value.isEmpty()) {
            return empty;
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw invalid(key, e.getMessage());
        }
    }
}
