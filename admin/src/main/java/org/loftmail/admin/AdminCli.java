package org.loftmail.admin;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import org.loftmail.admin.mail.MailboxCommand;
import org.loftmail.admin.print.Formatter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code adm}: Loft's admin command line, doveadm's grammar. Each subcommand is one class, registered explicitly
 * in {@link #commandLine}. Exit codes are doveadm's ({@link ExitCodes}); a command Loft does not have is named in
 * one line and exits 64.
 */
@Command(name = "adm", mixinStandardHelpOptions = true,
        description = "Loft administration (doveadm's commands).",
        synopsisSubcommandLabel = "COMMAND", exitCodeOnInvalidInput = ExitCodes.USAGE,
        footer = {"", "Example:  adm mailbox list -u jsmith"})
public final class AdminCli implements Runnable {

    /** Exit code for configuration errors (sysexits EX_CONFIG). */
    public static final int EXIT_CONFIG = ExitCodes.CONFIG;
    /** Exit code for bad command lines (sysexits EX_USAGE). */
    public static final int EXIT_USAGE = ExitCodes.USAGE;

    /** Where the main configuration file is when no -c is given and no server recorded one. */
    public static final Path DEFAULT_CONFIG = Path.of("/etc/loft/loft.conf");

    /** doveadm commands Loft does not have (yet): named as such rather than as unknown. */
    static final Set<String> DOVEADM_ONLY = Set.of("altmove", "batch", "dict", "director",
            "dsync-server", "dump", "exec", "fs", "instance", "penalty", "proxy", "purge", "rebuild",
            "replicator", "service", "sis", "zlibconnect", "oldstats", "sync", "acl", "mailbox cache", "force-resync", "quota recalc",
            "mailbox metadata", "mailbox mutf7", "mailbox path", "mailbox update", "log find", "log test",
            "stats add", "stats remove", "stats reset");

    @Option(names = "-c", paramLabel = "FILE", description = "Main configuration file (default: the running "
            + "server's, else " + "/etc/loft/loft.conf).")
    Path config;

    @Option(names = "-f", paramLabel = "FORMATTER", description = "Output format: flow, tab, table, pager, json.")
    String formatter;

    @Option(names = "-o", paramLabel = "KEY=VALUE",
            description = "Override a setting for this command (plugin/quota=… for a plugin setting); repeatable.")
    java.util.List<String> overrides = new java.util.ArrayList<>();

    /** The temporary configuration -o wrote, removed when the command ends. */
    private Path overridden;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final AdminEnvironment environment;

    private AdminCli(AdminEnvironment environment) {
        this.environment = environment;
    }

    /** Runs {@code adm} with the arguments after "adm"; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, DEFAULT_CONFIG);
    }

    /** As {@link #run(String[], PrintStream, PrintStream)}, with another default configuration file. */
    public static int run(String[] args, PrintStream out, PrintStream err, Path defaultConfig) {
        return run(args, out, err, AdminEnvironment.configOnly(defaultConfig));
    }

    /** Runs {@code adm} against an environment (direct storage, or inside the running server). */
    public static int run(String[] args, PrintStream out, PrintStream err, AdminEnvironment environment) {
        PrintWriter o = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        try {
            return run(args, o, e, environment);
        } finally {
            o.flush();
            e.flush();
        }
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err, AdminEnvironment environment) {
        CommandLine cl = commandLine(environment);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler(AdminCli::badCommandLine);
        AdminCli root = cl.getCommand();
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println(prefix(cmd) + ": Error: " + ex.getMessage());
            return ExitCodes.TEMPFAIL;
        });
        try {
            return cl.execute(args);
        } finally {
            root.removeOverrides();
        }
    }

    private void removeOverrides() {
        if (overridden != null) {
            try {
                java.nio.file.Files.deleteIfExists(overridden);
            } catch (java.io.IOException e) {
                // a private temporary file; nothing else to do
            }
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The command tree. Add a subcommand here: one line per command class. */
    static CommandLine commandLine(AdminEnvironment environment) {
        CommandLine cl = new CommandLine(new AdminCli(environment));
        cl.addSubcommand("config", new ConfigCommand());
        cl.addSubcommand("pw", new PwCommand());
        cl.addSubcommand("auth", new AuthCommand());
        cl.addSubcommand("user", new UserCommand());
        cl.addSubcommand("mailbox", new MailboxCommand());
        cl.addSubcommand("search", new org.loftmail.admin.mail.SearchCommand());
        cl.addSubcommand("fetch", new org.loftmail.admin.mail.FetchCommand());
        cl.addSubcommand("expunge", new org.loftmail.admin.mail.ExpungeCommand());
        cl.addSubcommand("flags", new org.loftmail.admin.mail.FlagsCommand());
        cl.addSubcommand("move", new org.loftmail.admin.mail.MoveCommand());
        cl.addSubcommand("copy", new org.loftmail.admin.mail.CopyCommand());
        cl.addSubcommand("save", new org.loftmail.admin.mail.SaveCommand());
        cl.addSubcommand("index", new org.loftmail.admin.mail.IndexCommand());
        cl.addSubcommand("quota", new org.loftmail.admin.mail.QuotaCommand());
        cl.addSubcommand("sieve", new org.loftmail.admin.sieve.SieveCommand());
        cl.addSubcommand("import", new org.loftmail.admin.mail.ImportCommand());
        cl.addSubcommand("deduplicate", new org.loftmail.admin.mail.DeduplicateCommand());
        cl.addSubcommand("backup", new org.loftmail.admin.mail.BackupCommand());
        cl.addSubcommand("who", new org.loftmail.admin.server.WhoCommand());
        cl.addSubcommand("kick", new org.loftmail.admin.server.KickCommand());
        cl.addSubcommand("reload", new org.loftmail.admin.server.ReloadCommand());
        cl.addSubcommand("log", new org.loftmail.admin.server.LogCommand());
        cl.addSubcommand("stats", new org.loftmail.admin.server.StatsCommand());
        cl.addSubcommand("process", new org.loftmail.admin.server.ProcessCommand());
        cl.addSubcommand("completion", new CompletionCommand());
        cl.addSubcommand("stop", new org.loftmail.admin.server.StopCommand());
        return cl;
    }

    /** The top-level command names, for the launcher (which of them go to a running server). */
    public static Set<String> commandNames() {
        return commandLine(AdminEnvironment.configOnly(DEFAULT_CONFIG)).getSubcommands().keySet();
    }

    /**
     * A bad command line: one line saying what is wrong (an unknown command is named; there are no "did you mean"
     * suggestions and no stack), then where help is, exit 64.
     */
    private static int badCommandLine(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !cmd.getSubcommands().isEmpty()
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            String name = (commandPath(cmd) + " " + u.getUnmatched().get(0)).strip();
            err.println(DOVEADM_ONLY.contains(name)
                    ? "adm: '" + name + "' is a doveadm command Loft does not have"
                    : "adm: Unknown command '" + name + "'");
            return ExitCodes.USAGE;
        }
        err.println(prefix(cmd) + ": " + ex.getMessage().replaceAll("[\r\n]+", " "));
        err.println("Usage: see adm " + (commandPath(cmd) + " --help").strip());
        return ExitCodes.USAGE;
    }

    /** "mailbox list" for adm mailbox list; "" for adm itself. */
    static String commandPath(CommandLine cmd) {
        String qualified = cmd.getCommandSpec().qualifiedName(" ");
        return qualified.equals("adm") ? "" : qualified.substring("adm ".length());
    }

    static String prefix(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName(" ");
    }

    /** The configuration file: -c, else what the environment finds (the running server's, the default path). */
    public ConfigLocator.Choice configChoice() throws ConfigLocator.NotFound {
        ConfigLocator.Choice choice = environment.config(config);
        if (overrides.isEmpty()) {
            return choice;
        }
        if (overridden == null) {
            try {
                overridden = ConfigOverrides.write(choice.file(), overrides);
            } catch (java.io.IOException e) {
                throw new ConfigLocator.NotFound("cannot write the -o overrides: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new ConfigLocator.NotFound(e.getMessage());
            }
        }
        return new ConfigLocator.Choice(overridden, choice.how() + " with -o overrides");
    }

    /** The configuration file chosen with {@code adm -c FILE}, or found; throws with what was tried. */
    public Path configFile() {
        try {
            return configChoice().file();
        } catch (ConfigLocator.NotFound e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    public AdminEnvironment environment() {
        return environment;
    }

    /** The formatter -f chose, else the command's default. */
    public Formatter formatter(String commandDefault) {
        return Formatter.named(formatter != null ? formatter : commandDefault);
    }

    /** The root command object of a subcommand's spec. */
    public static AdminCli of(CommandLine.Model.CommandSpec spec) {
        return (AdminCli) spec.root().userObject();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }
}
