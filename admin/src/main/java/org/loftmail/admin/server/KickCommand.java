package org.loftmail.admin.server;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.loftmail.admin.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kick USER_MASK|IP/BITS…}: disconnects the matching logged-in sessions at once. */
@Command(name = "kick", mixinStandardHelpOptions = true, description = "Disconnect users (doveadm kick).",
        footer = {"", "Example:  adm kick jsmith"})
public final class KickCommand extends ServerCommand {

    @Option(names = "-f", description = "doveadm's force (kill) flag: Loft's kick always disconnects at once.")
    boolean force;

    @Option(names = "-a", paramLabel = "SOCKET", description = "doveadm's anvil socket: Loft has none; not accepted.")
    String anvil;

    @Parameters(paramLabel = "MASK|IP/BITS", arity = "1..*")
    List<String> filters = new ArrayList<>();

    @Override
    protected int run(ServerControl server) {
        if (anvil != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "-a (anvil socket) does not apply to Loft");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<ServerControl.Session> kicked = server.kick(SessionFilter.of(filters));
        if (kicked.isEmpty()) {
            out.println("no users kicked");
            return ExitCodes.NOTFOUND;
        }
        Set<String> users = new LinkedHashSet<>();
        kicked.forEach(s -> users.add(s.user()));
        out.println("kicked connections from the following users:");
        out.println(String.join(" ", users) + " ");
        return ExitCodes.OK;
    }
}
