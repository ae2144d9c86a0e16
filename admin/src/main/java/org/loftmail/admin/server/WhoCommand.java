package org.loftmail.admin.server;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.loftmail.admin.AdminCli;
import org.loftmail.admin.ExitCodes;
import org.loftmail.admin.print.Header;
import org.loftmail.admin.print.Printer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code who [-1] [MASK] [IP/BITS]}: the logged-in IMAP, POP3 and ManageSieve sessions, grouped per user and protocol
 * as doveadm prints them. Loft has one process, so the "(pids)" column lists Loft's session ids instead.
 */
@Command(name = "who", mixinStandardHelpOptions = true, description = "Show logged-in users (doveadm who).",
        footer = {"", "Example:  adm who 'j*'"})
public final class WhoCommand extends ServerCommand {

    @Option(names = "-1", description = "One line per connection.")
    boolean oneLine;

    @Option(names = "-a", paramLabel = "SOCKET", description = "doveadm's anvil socket: Loft has none; not accepted.")
    String anvil;

    @Parameters(paramLabel = "MASK|IP/BITS", arity = "0..*")
    List<String> filters = new ArrayList<>();

    @Override
    protected int run(ServerControl server) {
        if (anvil != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "-a (anvil socket) does not apply to Loft");
        }
        PrintWriter out = spec.commandLine().getOut();
        Printer printer;
        try {
            printer = new Printer(AdminCli.of(spec).formatter("table"), out);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        List<ServerControl.Session> sessions = server.sessions().stream().filter(SessionFilter.of(filters)).toList();
        if (oneLine) {
            printer.headers(List.of(Header.of("username"), Header.of("proto"), Header.of("pid"), Header.of("ip")));
            for (ServerControl.Session s : sessions) {
                printer.row(s.user(), s.service(), Long.toString(s.id()), s.remoteIp());
            }
        } else {
            printer.headers(List.of(Header.of("username"), Header.number("connections", "#"), Header.of("proto"),
                    Header.of("(pids)"), Header.of("(ips)")));
            Map<String, List<ServerControl.Session>> groups = new LinkedHashMap<>();
            for (ServerControl.Session s : sessions) {
                groups.computeIfAbsent(s.user() + "\0" + s.service(), k -> new ArrayList<>()).add(s);
            }
            for (List<ServerControl.Session> g : groups.values()) {
                Set<String> ids = new LinkedHashSet<>();
                Set<String> ips = new LinkedHashSet<>();
                g.forEach(s -> {
                    ids.add(Long.toString(s.id()));
                    ips.add(s.remoteIp());
                });
                printer.row(g.get(0).user(), Integer.toString(g.size()), g.get(0).service(),
                        "(" + String.join(" ", ids) + ")", "(" + String.join(" ", ips) + ")");
            }
        }
        printer.end();
        return ExitCodes.OK;
    }
}
