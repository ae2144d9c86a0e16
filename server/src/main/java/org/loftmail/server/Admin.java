package org.loftmail.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.loftmail.admin.AdminCli;
import org.loftmail.admin.CommandPlacement;
import org.loftmail.admin.ConfigLocator;
import org.loftmail.admin.ExitCodes;
import org.loftmail.admin.socket.AdminClient;
import org.loftmail.admin.socket.AdminProtocol;
import org.loftmail.core.config.LoftConfig;

/**
 * {@code loft adm …}: the admin CLI, doveadm's grammar. Mail and server commands go to the running server's admin
 * socket ({@code -S SOCKET}, else base_dir/loft-admin of the configuration) when it answers; mail commands
 * otherwise open the storage directly; everything else runs here.
 */
final class Admin {

    private Admin() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err, ConfigLocator.standard(AdminCli.DEFAULT_CONFIG));
    }

    static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err, ConfigLocator locator) {
        Invocation inv = Invocation.of(args);
        // with -o the command runs here on the overridden configuration (the server keeps its own)
        if (inv.command() != null && CommandPlacement.runsInServer(inv.command()) && !inv.help()
                && !(inv.overrides() && CommandPlacement.MAIL.contains(inv.command()))
                && !CommandPlacement.READS_CLIENT_FILES.contains(inv.command() + " " + inv.subcommand())) {
            Path socket = inv.socket() != null ? inv.socket() : socketOf(inv.config(), locator);
            if (socket != null && (inv.socket() != null || Files.exists(socket))) {
                try {
                    return AdminClient.run(socket, inv.forwarded(),
                            CommandPlacement.readsStdin(inv.command(), inv.subcommand()) ? stdin : null, out, err);
                } catch (AdminClient.NoServerException e) {
                    if (inv.socket() != null || CommandPlacement.SERVER_ONLY.contains(inv.command())) {
                        err.println("doveadm: Error: " + e.getMessage());
                        return ExitCodes.TEMPFAIL;
                    }
                    // a socket left by a server that is gone: work directly
                } catch (IOException e) {
                    err.println("doveadm: Error: the server closed the admin connection: " + e.getMessage());
                    return ExitCodes.TEMPFAIL;
                }
            }
            if (CommandPlacement.SERVER_ONLY.contains(inv.command())) {
                err.println("doveadm: Error: " + inv.command() + ": no running server"
                        + (socket != null ? " (nothing answers at " + socket + ")" : "")
                        + "; start it, or name its socket with -S");
                return ExitCodes.TEMPFAIL;
            }
        }
        return AdminCli.run(inv.local(), out, err, new DirectAdminEnvironment(locator, stdin));
    }

    /**
     * base_dir/loft-admin of the configuration adm would read; when that file cannot be read (an edit in progress
     * before a reload), the socket of a running server that recorded itself; null when there is neither.
     */
    private static Path socketOf(Path explicit, ConfigLocator locator) {
        try {
            return LoftConfig.load(locator.locate(explicit).file()).baseDir().resolve(AdminProtocol.SOCKET_NAME);
        } catch (ConfigLocator.NotFound | RuntimeException e) {
            return locator.runningBaseDir().map(d -> d.resolve(AdminProtocol.SOCKET_NAME)).orElse(null);
        }
    }

    /**
     * The command line, read only as far as placing it needs: the top-level {@code -c FILE} and {@code -f FMT}, the
     * command word, and {@code -S SOCKET} anywhere after it (which only the client uses).
     */
    record Invocation(Path config, String command, String subcommand, Path socket, boolean help, boolean overrides,
            String[] local, List<String> forwarded) {

        static Invocation of(String[] args) {
            Path config = null;
            String command = null;
            String subcommand = null;
            Path socket = null;
            boolean help = false;
            boolean overrides = false;
            List<String> local = new ArrayList<>();
            List<String> forwarded = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (command == null) {
                    if ((a.equals("-c") || a.equals("-f") || a.equals("-o")) && i + 1 < args.length) {
                        overrides |= a.equals("-o");
                        if (a.equals("-c")) {
                            config = Path.of(args[i + 1]);
                        } else {
                            forwarded.add(a);
                            forwarded.add(args[i + 1]);
                        }
                        local.add(a);
                        local.add(args[++i]);
                        continue;
                    }
                    if (!a.startsWith("-")) {
                        command = a;
                    }
                } else if (subcommand == null && !a.startsWith("-")) {
                    subcommand = a;
                } else if (a.equals("-S") && i + 1 < args.length) {
                    socket = Path.of(args[++i]);
                    continue;
                } else if (a.startsWith("-S") && a.length() > 2) {
                    socket = Path.of(a.substring(2));
                    continue;
                }
                if (a.equals("-h") || a.equals("--help")) {
                    help = true;
                }
                local.add(a);
                forwarded.add(a);
            }
            return new Invocation(config, command, subcommand, socket, help, overrides, local.toArray(String[]::new), forwarded);
        }
    }
}
