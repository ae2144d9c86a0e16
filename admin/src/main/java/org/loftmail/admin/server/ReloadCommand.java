package org.loftmail.admin.server;

import org.loftmail.admin.ExitCodes;
import picocli.CommandLine.Command;

/** {@code reload}: the running server re-reads its configuration, as SIGHUP does. */
@Command(name = "reload", mixinStandardHelpOptions = true, description = "Reload the running server's configuration.",
        footer = {"", "Example:  adm reload"})
public final class ReloadCommand extends ServerCommand {
    @Override
    protected int run(ServerControl server) {
        String failure = server.reload();
        if (failure != null) {
            spec.commandLine().getErr().println("doveadm: Error: reload failed, the old configuration keeps running: "
                    + failure);
            return ExitCodes.CONFIG;
        }
        return ExitCodes.OK;
    }
}
