package org.loftmail.admin.server;

import java.util.List;
import org.loftmail.admin.AdminCli;
import org.loftmail.admin.ExitCodes;
import org.loftmail.admin.print.Header;
import org.loftmail.admin.print.Printer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code stats dump}: the counters the running server keeps, one per line. */
@Command(name = "stats", mixinStandardHelpOptions = true, description = "Statistics (doveadm stats).",
        footer = {"", "Example:  adm stats dump"},
        subcommands = {StatsCommand.Dump.class}, exitCodeOnInvalidInput = 64)
public final class StatsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing stats command (dump)");
    }

    /**
     * {@code stats dump}: connections by service, logins and open sessions by protocol, bytes in and out of ended
     * sessions, since the server started. Loft keeps counters, not doveadm's metric histograms, so the columns are
     * its own: {@code metric_name} and {@code count} (tab-separated, like doveadm's default for this command).
     */
    @Command(name = "dump", mixinStandardHelpOptions = true, description = "Print the server's counters.",
            footer = {"", "Example:  adm stats dump"})
    public static final class Dump extends ServerCommand {
        @Override
        protected int run(ServerControl server) {
            Printer p;
            try {
                p = new Printer(AdminCli.of(spec).formatter("tab"), spec.commandLine().getOut());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            p.headers(List.of(Header.of("metric_name"), Header.number("count", "count")));
            server.counters().forEach((k, v) -> p.row(k, Long.toString(v)));
            p.end();
            return ExitCodes.OK;
        }
    }
}
