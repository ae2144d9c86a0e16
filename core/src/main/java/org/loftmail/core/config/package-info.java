/**
 * Dovecot 2.3's configuration language, parsed once into typed, immutable settings.
 *
 * <h2>Loading</h2>
 * {@link org.loftmail.core.config.LoftConfig#load(java.nio.file.Path)} parses the main file with
 * {@link org.loftmail.core.config.ConfigParser} (includes, {@code <file}, {@code $var}, sections, filters),
 * checks every key against {@link org.loftmail.core.config.SettingDefinitions} and binds the typed views.
 * Any problem is a {@link org.loftmail.core.config.ConfigException} whose message is {@code file:line: what}.
 * {@link org.loftmail.core.config.LoftConfig#warnings()} holds the one-line warnings (process-model settings,
 * obsolete ssl_protocols) to log at startup.
 *
 * <h2>Reading settings</h2>
 * <ul>
 * <li>{@code config.settings("imap")}, {@code config.settings(FilterContext.protocol("pop3").withRemote(ip))}:
 *     a {@link org.loftmail.core.config.Settings} with filters applied (most specific wins) and the table's
 *     defaults; getters {@code string, bool, uint, size, duration, octal, list, networks, plugin,
 *     pluginValues, sections}; {@code invalid(key, problem)} makes a located error for checks done by the
 *     module that owns the setting.</li>
 * <li>{@code config.activeServices()}: {@link org.loftmail.core.config.ServiceSettings} with
 *     {@link org.loftmail.core.config.InetListener}s and {@link org.loftmail.core.config.UnixListener}s
 *     merged over Dovecot's built-in defaults (port 0 = off; relative socket paths under base_dir).</li>
 * <li>{@code config.ssl(context)}: {@link org.loftmail.core.config.SslSettings} (PEM contents, TLSv1.2 floor);
 *     {@code config.logging()}: {@link org.loftmail.core.config.LoggingSettings}.</li>
 * <li>A module's own settings: a {@code <Module>Settings} record that validates itself (throwing
 *     {@link org.loftmail.core.config.InvalidSettingException} with the key it checks) and a
 *     {@code <Module>SettingsBinder.bind(...)} that builds it inside
 *     {@link org.loftmail.core.config.SettingsBinding#bind}, so every error names the line of the wrong setting
 *     (docs/adr/0103).</li>
 * <li>{@code config.sections("passdb")}: {@link org.loftmail.core.config.ConfigSection}s with the same typed
 *     getters and their section type's defaults.</li>
 * </ul>
 *
 * <h2>Templates</h2>
 * Values keep their {@code %} variables; {@link org.loftmail.core.config.VariableExpander} expands them where
 * they are used and {@link org.loftmail.core.config.VariableExpander#unknownVariables(String)} checks them at
 * startup.
 *
 * <h2>Adding a setting</h2>
 * One row in {@link org.loftmail.core.config.SettingDefinitions}: Dovecot's name, default, kind and
 * {@link org.loftmail.core.config.Support}. A HONOURED row is a promise that its module reads it. See
 * docs/adr/0100, 0101 and 0102.
 */
package org.loftmail.core.config;
