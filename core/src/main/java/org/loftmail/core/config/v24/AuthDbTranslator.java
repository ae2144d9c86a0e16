package org.loftmail.core.config.v24;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.loftmail.core.config.ConfigException;
import org.loftmail.core.config.ConfigParser;
import org.loftmail.core.config.ConfigSection;
import org.loftmail.core.config.ConfigValue;
import org.loftmail.core.config.SourceLocation;

/**
 * A 2.4 {@code passdb NAME { }} / {@code userdb NAME { }} block as the 2.3 block with {@code driver} and
 * {@code args}: the driver is {@code driver} or else the block's name; driver settings (written with or without
 * their {@code passdb_}/driver prefix: {@code passwd_file_path}, {@code passdb_pam_session}) become the driver's
 * 2.3 arguments, {@code fields { }} its fields.
 */
final class AuthDbTranslator {

    private static final List<String> PAM_FLAGS = List.of("session", "setcred", "failure_show_msg");

    private final ConfigParser.TreeWriter out;
    private final Values values;

    AuthDbTranslator(ConfigParser.TreeWriter out, Values values) {
        this.out = out;
        this.values = values;
    }

    void translate(Scope outer, ConfigSection block) {
        Scope scope = outer.enter(block);
        String type = block.type();
        ConfigValue driverValue = block.settings().get("driver");
        String driver = driverValue != null ? values.expand(scope, driverValue) : block.name();
        if (driver.isEmpty()) {
            throw new ConfigException(block.location(), type + " block needs a name or a driver");
        }
        if (driver.equals("sql") || driver.equals("ldap") || driver.equals("lua")) {
            throw new ConfigException(block.location(), "Loft does not read " + type + " " + driver
                    + " in Dovecot 2.4's language yet: " + (driver.equals("sql")
                            ? V24Names.notYet("sql_") : "the driver's 2.4 settings have no 2.3 form in Loft"));
        }
        out.open(type, "", block.location());
        out.set("driver", driver, driverValue != null ? driverValue.location() : block.location(), null);
        Args args = new Args(driver);
        String prefix = driver.replace('-', '_') + "_";
        for (Map.Entry<String, ConfigValue> e : block.settings().entrySet()) {
            String key = e.getKey();
            ConfigValue v = e.getValue();
            if (key.equals("driver")) {
                continue;
            }
            String hint = V24Names.ONLY_23.get(key);
            if (hint != null) {
                throw new ConfigException(v.location(), key + " is Dovecot 2.3's language; a 2.4 file writes " + hint);
            }
            String local = strip(strip(key, type + "_"), prefix);
            String value = values.of(scope, key, v);
            if (!args.take(type, local, value, v.location())) {
                out.set(local.equals("mechanisms_filter") ? "mechanisms" : local, value, v.location(), null);
            }
        }
        for (ConfigSection child : block.children()) {
            if (!child.type().equals("fields") || !child.name().isEmpty() || !child.children().isEmpty()) {
                throw new ConfigException(child.location(), "Unknown section in " + type + ": " + child.header());
            }
            fields(scope.enter(child), child, args);
        }
        args.emit(out);
        out.close();
    }

    private void fields(Scope scope, ConfigSection block, Args args) {
        List<String> overriding = new ArrayList<>();
        List<String> defaults = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> e : block.settings().entrySet()) {
            String key = e.getKey();
            String value = values.of(scope, key, e.getValue());
            if (value.chars().anyMatch(Character::isWhitespace)) {
                throw new ConfigException(e.getValue().location(), "fields { " + key
                        + " }: Loft cannot pass a field value with spaces yet");
            }
            if (args.staticDriver()) {
                args.add(key + "=" + value, e.getValue().location());
            } else if (key.endsWith(":default")) {
                defaults.add(key.substring(0, key.length() - ":default".length()) + "=" + value);
            } else {
                overriding.add(key + "=" + value);
            }
        }
        if (!overriding.isEmpty()) {
            out.set("override_fields", String.join(" ", overriding), block.location(), null);
        }
        if (!defaults.isEmpty()) {
            out.set("default_fields", String.join(" ", defaults), block.location(), null);
        }
    }

    private static String strip(String key, String prefix) {
        return key.startsWith(prefix) && key.length() > prefix.length() ? key.substring(prefix.length()) : key;
    }

    /** The 2.3 {@code args} string of one block, assembled in the order Dovecot's drivers read it. */
    private static final class Args {
        private final String driver;
        private final List<String> options = new ArrayList<>();
        private String last = "";
        private SourceLocation at;

        Args(String driver) {
            this.driver = driver;
        }

        boolean staticDriver() {
            return driver.equals("static");
        }

        void add(String option, SourceLocation where) {
            options.add(option);
            at = at == null ? where : at;
        }

        /** Takes a driver setting into the arguments; false when it is a setting of the 2.3 block itself. */
        boolean take(String type, String local, String value, SourceLocation where) {
            switch (driver) {
                case "passwd-file" -> {
                    if (local.equals("path")) {
                        last = value;
                        at = at == null ? where : at;
                        return true;
                    }
                    if (local.equals("default_password_scheme") && type.equals("passdb")) {
                        options.add(0, "scheme=" + value);
                        at = at == null ? where : at;
                        return true;
                    }
                }
                case "pam" -> {
                    if (local.equals("service_name")) {
                        last = value;
                        at = at == null ? where : at;
                        return true;
                    }
                    if (PAM_FLAGS.contains(local) || local.equals("max_requests")) {
                        add(local + "=" + value, where);
                        return true;
                    }
                }
                case "static" -> {
                    if (local.equals("password")) {
                        add("password=" + value, where);
                        return true;
                    }
                }
                default -> {
                    // passwd, shadow and the rest take no arguments
                }
            }
            return false;
        }

        void emit(ConfigParser.TreeWriter out) {
            List<String> all = new ArrayList<>(options);
            if (!last.isEmpty()) {
                all.add(last);
            }
            if (!all.isEmpty()) {
                out.set("args", String.join(" ", all), at, null);
            }
        }
    }
}
