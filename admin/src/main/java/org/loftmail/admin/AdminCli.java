package org.loftmail.admin;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code adm}: Loft's admin command line, doveadm's grammar. Each subcommand is one class,
 * registered explicitly in {@link #commandLine}.
 */
@Command(name = "adm", mixinStandardHelpOptions = true,
        description = "Loft administration (doveadm's commands).",
        synopsisSubcommandLabel = "COMMAND", exitCodeOnInvalidInput = AdminCli.EXIT_USAGE)
public final class AdminCli implements Runnable {

    /** Exit code for configuration errors (sysexits EX_CONFIG). */
    public static final int EXIT_CONFIG = 78;
    /** Exit code for bad command lines (sysexits EX_USAGE). */
    public static final int EXIT_USAGE = 64;

    /** Where the main configuration file is when no -c is given. */
    public static final Path DEFAULT_CONFIG = Path.of("/etc/loft/loft.conf");

    @Option(names = "-c", paramLabel = "FILE", description = "Main configuration file (default: ${DEFAULT-VALUE}).")
    Path config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Path defaultConfig;

    private AdminCli(Path defaultConfig) {
        this.defaultConfig = defaultConfig;
        this.config = defaultConfig;
    }

    /** Runs {@code adm} with the arguments after "adm"; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, DEFAULT_CONFIG);
    }

    /** As {@link #run(String[], PrintStream, PrintStream)}, with another default configuration file. */
    public static int run(String[] args, PrintStream out, PrintStream err, Path defaultConfig) {
        CommandLine cl = commandLine(defaultConfig);
        PrintWriter o = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        cl.setOut(o);
        cl.setErr(e);
        try {
            return cl.execute(args);
        } finally {
            o.flush();
            e.flush();
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The command tree. Add a subcommand here: one line per command class. */
    static CommandLine commandLine(Path defaultConfig) {
        CommandLine cl = new CommandLine(new AdminCli(defaultConfig));
        cl.addSubcommand("config", new ConfigCommand());
        cl.addSubcommand("pw", new PwCommand());
        cl.addSubcommand("auth", new AuthCommand());
        cl.addSubcommand("user", new UserCommand());
        return cl;
    }

    /** The configuration file chosen with {@code adm -c FILE}, or the default. */
    public Path configFile() {
        return config != null ? config : defaultConfig;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }
}
