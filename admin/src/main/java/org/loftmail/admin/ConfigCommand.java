package org.loftmail.admin;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.loftmail.core.config.ConfigException;
import org.loftmail.core.config.ConfigValue;
import org.loftmail.core.config.ConfigWriter;
import org.loftmail.core.config.FilterContext;
import org.loftmail.core.config.IpNet;
import org.loftmail.core.config.LoftConfig;
import org.loftmail.core.config.SettingDefinition;
import org.loftmail.core.config.SettingDefinitions;
import org.loftmail.core.config.Settings;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code adm config} (doveconf): prints the configuration in its own language, so the output can be
 * read back. {@code -n} prints what differs from the defaults, {@code -a} (the default) everything.
 * Passwords and keys are hidden unless {@code -P} is given ({@link SecretMask}); a setting asked for by name is
 * printed as it is, as doveconf does.
 * With setting names it prints just those; {@code -f protocol=imap} shows the values in effect for a
 * filter.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Show the configuration (like doveconf).",
        footer = {"", "Example:  adm config -n", "          adm config -f protocol=imap mail_location"}, exitCodeOnInvalidInput = AdminCli.EXIT_USAGE)
public final class ConfigCommand implements Callable<Integer> {

    @ParentCommand
    AdminCli parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "-c", paramLabel = "FILE", description = "Main configuration file.")
    Path config;

    @ArgGroup(exclusive = true)
    Mode mode;

    static final class Mode {
        @Option(names = "-n", description = "Only settings that differ from the defaults.")
        boolean nonDefault;

        @Option(names = "-a", description = "All settings, with defaults (the default).")
        boolean all;
    }

    @Option(names = "-P", description = "Show passwords and other secrets (hidden by default, as doveconf does).")
    boolean showSecrets;

    @Option(names = "-h", description = "With setting names: print only the values.")
    boolean valuesOnly;

    @Option(names = "-f", paramLabel = "KEY=VALUE",
            description = "Filter: protocol=NAME, local=IP, remote=IP, local_name=NAME (repeatable).")
    List<String> filters = new ArrayList<>();

    @Parameters(paramLabel = "SETTING", description = "Print only these settings.")
    List<String> names = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoftConfig loaded;
        FilterContext context;
        ConfigLocator.Choice choice;
        try {
            choice = config != null ? new ConfigLocator.Choice(config, "-c") : parent.configChoice();
        } catch (ConfigLocator.NotFound e) {
            err.println("adm config: Error: " + e.getMessage());
            return AdminCli.EXIT_CONFIG;
        }
        try {
            loaded = LoftConfig.load(choice.file());
            context = context(filters);
        } catch (ConfigException e) {
            err.println("adm config: Error: " + e.getMessage()
                    + (choice.how().equals("-c") ? "" : " (the configuration file is " + choice.how() + ")"));
            return AdminCli.EXIT_CONFIG;
        } catch (IllegalArgumentException e) {
            err.println("adm config: " + e.getMessage());
            return AdminCli.EXIT_USAGE;
        }
        loaded.warnings().forEach(w -> err.println("adm config: Warning: " + w));
        boolean nonDefault = mode != null && mode.nonDefault;
        if (!names.isEmpty()) {
            return printNamed(loaded.settings(context), out, err);
        }
        if (!filters.isEmpty()) {
            printFiltered(loaded.settings(context), nonDefault, showSecrets, out);
        } else {
            String text = nonDefault ? ConfigWriter.nonDefault(loaded) : ConfigWriter.all(loaded);
            out.print(showSecrets ? text : SecretMask.text(text));
        }
        out.flush();
        return 0;
    }

    private int printNamed(Settings s, PrintWriter out, PrintWriter err) {
        int rc = 0;
        for (String name : names) {
            if (SettingDefinitions.global(name) == null) {
                err.println("adm config: Unknown setting: " + name);
                rc = AdminCli.EXIT_CONFIG;
                continue;
            }
            String value = s.string(name);
            out.println(valuesOnly ? value : name + " = " + value);
        }
        out.flush();
        return rc;
    }

    private static void printFiltered(Settings s, boolean nonDefault, boolean showSecrets, PrintWriter out) {
        Map<String, String> lines = new TreeMap<>();
        for (SettingDefinition def : SettingDefinitions.GLOBAL.values()) {
            ConfigValue v = s.explicitValues().get(def.name());
            if (v != null && (!nonDefault || !v.value().equals(def.defaultValue()))) {
                lines.put(def.name(), v.fromFile() ? "<" + v.sourceFile() : v.value());
            } else if (v == null && !nonDefault && def.support() == org.loftmail.core.config.Support.HONOURED) {
                lines.put(def.name(), def.defaultValue());
            }
        }
        lines.forEach((k, v) -> out.println(v.isEmpty() ? k + " =" : k + " = " + (showSecrets ? v : SecretMask.value(k, v))));
    }

    /** Parses {@code -f key=value} filters into a context. */
    static FilterContext context(List<String> filters) {
        FilterContext ctx = FilterContext.none();
        for (String f : filters) {
            int eq = f.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Invalid filter '" + f + "': use key=value");
            }
            String key = f.substring(0, eq);
            String value = f.substring(eq + 1);
            ctx = switch (key) {
                case "protocol", "service" -> new FilterContext(value, ctx.local(), ctx.remote(), ctx.localName());
                case "local", "lip" -> ctx.withLocal(address(value));
                case "remote", "rip" -> ctx.withRemote(address(value));
                case "local_name" -> ctx.withLocalName(value);
                default -> throw new IllegalArgumentException("Unknown filter key '" + key + "'");
            };
        }
        return ctx;
    }

    private static InetAddress address(String ip) {
        return IpNet.literal(ip, ip);
    }
}
