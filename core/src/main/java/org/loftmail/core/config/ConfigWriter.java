package org.loftmail.core.config;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints a configuration back in Dovecot's language ({@code adm config}, like {@code doveconf}),
 * so that the output parses back to the same settings. Values read with {@code <file} are printed as
 * {@code <file} again; values that need it are quoted.
 */
public final class ConfigWriter {

    private final StringBuilder out = new StringBuilder();

    private ConfigWriter() {}

    /** The settings that differ from the defaults, and every section and filter as configured. */
    public static String nonDefault(LoftConfig config) {
        ConfigWriter w = new ConfigWriter();
        w.header(config, "non-default settings");
        ConfigSection root = config.root();
        root.settings().forEach((key, value) -> {
            SettingDefinition def = SettingDefinitions.global(key);
            if (def == null || !value.value().equals(def.defaultValue()) || value.fromFile()) {
                w.setting(0, key, value);
            }
        });
        for (ConfigSection child : root.children()) {
            if (!isEmptyDefault(child)) {
                w.section(0, child);
            }
        }
        return w.out.toString();
    }

    /** An empty filter, plugin or service block means nothing and is left out of -n output. */
    private static boolean isEmptyDefault(ConfigSection s) {
        SectionDefinition def = s.sectionDefinition();
        boolean omissible = def != null && (def.isFilter() || s.type().equals("plugin") || s.type().equals("service"));
        return omissible && s.settings().isEmpty() && s.children().stream().allMatch(ConfigWriter::isEmptyDefault);
    }

    /** Every top-level setting with its effective value, the services with their defaults, and every section. */
    public static String all(LoftConfig config) {
        ConfigWriter w = new ConfigWriter();
        w.header(config, "all settings");
        ConfigSection root = config.root();
        for (SettingDefinition def : new TreeMap<>(SettingDefinitions.GLOBAL).values()) {
            ConfigValue v = root.settings().get(def.name());
            if (v != null) {
                w.setting(0, def.name(), v);
            } else if (def.support() == Support.HONOURED) {
                w.setting(0, def.name(), ConfigValue.builtIn(def.defaultValue()));
            }
        }
        for (ServiceSettings s : config.services()) {
            ConfigSection configured = root.child("service", s.name()).orElse(null);
            if (BuiltinServices.isLoftService(s.name())) {
                w.service(s, configured);
            } else if (configured != null && !isEmptyDefault(configured)) {
                w.section(0, configured); // Dovecot-internal services: as configured, no Loft defaults
            }
        }
        // a canonical order (by type; within a type as configured), so equal configurations print equally
        List<String> order = List.of("passdb", "userdb", "namespace");
        for (String type : order) {
            for (ConfigSection child : root.children(type)) {
                w.sectionWithDefaults(0, child);
            }
        }
        if (root.children("plugin").isEmpty()) {
            w.pluginDefaults();
        } else {
            root.children("plugin").forEach(p -> w.sectionWithDefaults(0, p));
        }
        for (ConfigSection child : root.children()) {
            if (!order.contains(child.type()) && !child.type().equals("service") && !child.type().equals("plugin")
                    && !isEmptyDefault(child)) {
                w.sectionWithDefaults(0, child);
            }
        }
        return w.out.toString();
    }

    private void header(LoftConfig config, String what) {
        out.append("# Loft configuration (").append(what).append(") from ").append(config.mainFile()).append('\n');
    }

    private void section(int depth, ConfigSection s) {
        open(depth, s);
        s.settings().forEach((k, v) -> setting(depth + 1, k, v));
        for (ConfigSection c : s.children()) {
            if (!isEmptyDefault(c)) {
                section(depth + 1, c);
            }
        }
        close(depth);
    }

    private void sectionWithDefaults(int depth, ConfigSection s) {
        SectionDefinition def = s.sectionDefinition();
        if (def == null || def.isFilter()) {
            section(depth, s); // filters hold overrides only
            return;
        }
        open(depth, s);
        Map<String, ConfigValue> values = new TreeMap<>();
        for (SettingDefinition d : def.keys().values()) {
            boolean plugin = s.type().equals("plugin");
            if (d.support() == Support.HONOURED && (!plugin || !d.defaultValue().isEmpty())) {
                values.put(d.name(), ConfigValue.builtIn(d.defaultValue()));
            }
        }
        values.putAll(s.settings());
        values.forEach((k, v) -> setting(depth + 1, k, v));
        for (ConfigSection c : s.children()) {
            sectionWithDefaults(depth + 1, c);
        }
        close(depth);
    }

    private void pluginDefaults() {
        out.append("plugin {\n");
        new TreeMap<>(SettingDefinitions.PLUGIN).forEach((k, d) -> {
            if (!d.defaultValue().isEmpty() && d.support() == Support.HONOURED) {
                setting(1, k, ConfigValue.builtIn(d.defaultValue()));
            }
        });
        out.append("}\n");
    }

    private void service(ServiceSettings s, ConfigSection configured) {
        out.append("service ").append(name(s.name())).append(" {\n");
        if (configured != null) {
            configured.settings().forEach((k, v) -> {
                if (!k.equals("process_limit") && !k.equals("client_limit")) {
                    setting(1, k, v);
                }
            });
        }
        plain(1, "client_limit", Long.toString(s.clientLimit()));
        plain(1, "process_limit", Long.toString(s.processLimit()));
        for (InetListener l : s.inetListeners()) {
            out.append("  inet_listener ").append(name(l.name())).append(" {\n");
            extras(configured, "inet_listener", l.name(), List.of("address", "port", "ssl"));
            plain(2, "address", String.join(", ", l.addresses()));
            plain(2, "port", Integer.toString(l.port()));
            plain(2, "ssl", l.ssl() ? "yes" : "no");
            out.append("  }\n");
        }
        for (UnixListener l : s.unixListeners()) {
            out.append("  unix_listener ").append(name(l.name())).append(" {\n");
            extras(configured, "unix_listener", l.name(), List.of("mode", "user", "group"));
            plain(2, "group", l.group());
            plain(2, "mode", String.format("%04o", l.mode()));
            plain(2, "user", l.user());
            out.append("  }\n");
        }
        if (configured != null) {
            for (ConfigSection c : configured.children("fifo_listener")) {
                section(1, c);
            }
        }
        out.append("}\n");
    }

    private void extras(ConfigSection service, String type, String listener, List<String> printed) {
        if (service == null) {
            return;
        }
        service.child(type, listener).ifPresent(l -> l.settings().forEach((k, v) -> {
            if (!printed.contains(k)) {
                setting(2, k, v);
            }
        }));
    }

    private void open(int depth, ConfigSection s) {
        indent(depth);
        out.append(s.type());
        if (!s.name().isEmpty()) {
            SectionDefinition def = s.sectionDefinition();
            out.append(' ').append(def != null && def.isFilter() ? s.name() : name(s.name()));
        }
        out.append(" {\n");
    }

    private void close(int depth) {
        indent(depth);
        out.append("}\n");
    }

    private void plain(int depth, String key, String value) {
        setting(depth, key, ConfigValue.builtIn(value));
    }

    private void setting(int depth, String key, ConfigValue v) {
        indent(depth);
        out.append(key).append(" =");
        String text = v.fromFile() ? "<" + quoteIfNeeded(v.sourceFile().toString()) : quoteIfNeeded(v.value());
        if (!text.isEmpty()) {
            out.append(' ').append(text);
        }
        out.append('\n');
    }

    private void indent(int depth) {
        out.append("  ".repeat(depth));
    }

    private static String name(String n) {
        return n.isEmpty() || n.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'' || c == '#'
                || c == '{' || c == '}') ? quote(n) : n;
    }

    /** Quotes a value whose text would otherwise be read differently. */
    static String quoteIfNeeded(String value) {
        if (value.isEmpty()) {
            return "";
        }
        boolean needs = value.startsWith("<") || value.startsWith("\"") || value.startsWith("'")
                || Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(value.length() - 1))
                || value.indexOf('#') >= 0 || value.indexOf('$') >= 0 || value.endsWith("\\")
                || value.indexOf('"') >= 0 || value.indexOf('\'') >= 0;
        return needs ? quote(value) : value;
    }

    private static String quote(String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a value with a line break cannot be written in the configuration language");
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
