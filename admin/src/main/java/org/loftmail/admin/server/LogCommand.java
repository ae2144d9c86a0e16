package org.loftmail.admin.server;

import java.io.PrintWriter;
import org.loftmail.admin.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code log reopen|errors}: the running server's logs. */
@Command(name = "log", mixinStandardHelpOptions = true, description = "Log commands (doveadm log).",
        footer = {"", "Example:  adm log errors"},
        subcommands = {LogCommand.Reopen.class, LogCommand.Errors.class}, exitCodeOnInvalidInput = 64)
public final class LogCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing log command (reopen, errors)");
    }

    /** {@code log reopen}: opens the log files again, as after logrotate (Dovecot's SIGUSR1). */
    @Command(name = "reopen", mixinStandardHelpOptions = true, description = "Reopen the log files.",
            footer = {"", "Example:  adm log reopen   (in logrotate's postrotate)"})
    public static final class Reopen extends ServerCommand {
        @Override
        protected int run(ServerControl server) {
            server.reopenLogs();
            return ExitCodes.OK;
        }
    }

    /** {@code log errors}: the last warnings and errors the server logged (up to 1000), oldest first. */
    @Command(name = "errors", mixinStandardHelpOptions = true, description = "Show the last errors logged.",
            footer = {"", "Example:  adm log errors"})
    public static final class Errors extends ServerCommand {
        @Override
        protected int run(ServerControl server) {
            PrintWriter out = spec.commandLine().getOut();
            server.recentErrors().forEach(out::println);
            out.flush();
            return ExitCodes.OK;
        }
    }
}
