package org.loftmail.core.config;

import java.util.function.Supplier;

/**
 * The one way a module turns configuration into its settings record (docs/adr/0103). A module owns a
 * {@code <Module>Settings} record that validates itself in its compact constructor, throwing
 * {@link InvalidSettingException} with the key it checks, and a {@code <Module>SettingsBinder} with one static
 * {@code bind(...)} that reads the values through {@link TypedSettings} and builds the record inside
 * {@link #bind}. Every error then carries the {@code file:line} of the setting that is wrong, never of a
 * neighbour:
 * <ul>
 * <li>a value of the wrong type (a bad size, bool, duration) is found by the parser or by {@link TypedSettings}'s
 *     getters, already located;</li>
 * <li>a value the record refuses ({@link InvalidSettingException}) is located here, by its key;</li>
 * <li>a parser that does not know the key it reads ({@code QuotaRule.parse}, an enum's {@code valueOf}) runs in
 *     {@link #read}, which names the key for it.</li>
 * </ul>
 */
public final class SettingsBinding {

    private SettingsBinding() {}

    /**
     * Builds a settings record from {@code source}; a refused value becomes a {@link ConfigException} at the line
     * where its key was set in {@code source} (the table's default gives "(built-in default)").
     */
    public static <T> T bind(TypedSettings source, Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidSettingException e) {
            throw new ConfigException(source.location(e.key()), e.getMessage(), e);
        }
    }

    /**
     * Runs a parser for the value of {@code key}: whatever {@link IllegalArgumentException} it throws is about
     * that key, with its message unchanged.
     */
    public static <T> T read(String key, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidSettingException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(key, String.valueOf(e.getMessage()));
        }
    }
}
