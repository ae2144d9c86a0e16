package org.loftmail.admin.server;

import org.loftmail.admin.ExitCodes;
import picocli.CommandLine.Command;

/** {@code stop}: the running server shuts down, as on SIGTERM (after answering this command). */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the running server.",
        footer = {"", "Example:  adm stop"})
public final class StopCommand extends ServerCommand {
    @Override
    protected int run(ServerControl server) {
        server.stop();
        return ExitCodes.OK;
    }
}
