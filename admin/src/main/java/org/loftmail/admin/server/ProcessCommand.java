package org.loftmail.admin.server;

import java.util.List;
import org.loftmail.admin.AdminCli;
import org.loftmail.admin.ExitCodes;
import org.loftmail.admin.print.Header;
import org.loftmail.admin.print.Printer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code process status}: Loft's equivalent of doveadm's process list. Loft is one process, so it lists its services
 * instead: how many listeners each has and the connections open on them now.
 */
@Command(name = "process", mixinStandardHelpOptions = true, description = "Server processes (doveadm process).",
        subcommands = {ProcessCommand.Status.class}, exitCodeOnInvalidInput = 64,
        footer = {"", "Example:  adm process status"})
public final class ProcessCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing process command (status)");
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Services, listeners, connections.",
            footer = {"", "Example:  adm process status"})
    public static final class Status extends ServerCommand {
        @Override
        protected int run(ServerControl server) {
            Printer p;
            try {
                p = new Printer(AdminCli.of(spec).formatter("table"), spec.commandLine().getOut());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            p.headers(List.of(Header.of("name"), Header.number("listeners", "listeners"),
                    Header.number("connections", "connections")));
            for (ServerControl.Service s : server.services()) {
                p.row(s.name(), Integer.toString(s.listeners()), Integer.toString(s.connections()));
            }
            p.end();
            return ExitCodes.OK;
        }
    }
}
