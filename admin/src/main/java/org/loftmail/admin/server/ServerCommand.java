package org.loftmail.admin.server;

import java.util.concurrent.Callable;
import org.loftmail.admin.AdminCli;
import org.loftmail.admin.ExitCodes;
import picocli.CommandLine;

/** A command about the running server: it runs inside it, over the admin socket, or fails with 75. */
public abstract class ServerCommand implements Callable<Integer> {

    @CommandLine.Spec
    protected CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "-S", paramLabel = "SOCKET", description = "The server's admin socket.")
    java.nio.file.Path socket;

    protected abstract int run(ServerControl server);

    @Override
    public final Integer call() {
        var server = AdminCli.of(spec).environment().server();
        if (server.isEmpty()) {
            spec.commandLine().getErr().println("doveadm: Error: " + spec.qualifiedName(" ").substring(4)
                    + ": no running server");
            return ExitCodes.TEMPFAIL;
        }
        return run(server.get());
    }
}
