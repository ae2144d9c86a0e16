package org.loftmail.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.loftmail.admin.AdminCli;
import org.loftmail.admin.AdminEnvironment;
import org.loftmail.admin.CommandPlacement;
import org.loftmail.admin.ConfigLocator;
import org.loftmail.admin.mail.MailUsers;
import org.loftmail.admin.server.ServerControl;
import org.loftmail.admin.socket.AdminProtocol;
import org.loftmail.admin.socket.AdminSocketServer;
import org.loftmail.core.log.MailLog;

/**
 * The running server's side of {@code adm} (ADR 0700): records which configuration it runs in base_dir
 * ({@link ConfigLocator#RECORD}, so {@code adm} without -c finds it) and serves the admin socket there, running
 * the commands against the server's own storage and auth. Both are removed at shutdown.
 */
final class AdminEndpoint implements AutoCloseable {

    private static final MailLog LOG = MailLog.of("master");

    private final Path record;
    private final AdminSocketServer socket;

    private AdminEndpoint(Path record, AdminSocketServer socket) {
        this.record = record;
        this.socket = socket;
    }

    static AdminEndpoint start(LoftServer server, Path configFile, Path baseDir, ServerControl control)
            throws IOException {
        Files.createDirectories(baseDir);
        Set<String> allowed = new HashSet<>(CommandPlacement.MAIL);
        allowed.addAll(CommandPlacement.SERVER_ONLY);
        AdminSocketServer socket = AdminSocketServer.start(baseDir.resolve(AdminProtocol.SOCKET_NAME),
                (args, stdin, out, err) -> run(server, configFile, control, args, stdin, out, err), allowed);
        Path record = baseDir.resolve(ConfigLocator.RECORD);
        try {
            Path temp = baseDir.resolve("." + ConfigLocator.RECORD + ".new");
            Files.writeString(temp, ConfigLocator.record(configFile, ProcessHandle.current().pid()));
            Files.move(temp, record, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new AdminEndpoint(record, socket);
    }

    private static int run(LoftServer server, Path configFile, ServerControl control, List<String> args,
            InputStream stdin, PrintWriter out, PrintWriter err) {
        Wiring wiring = server.currentWiring();
        wiring.sessionOpened(); // a reload meanwhile must not close the auth service under the command
        try {
            AdminEnvironment env = new AdminEnvironment() {
                @Override
                public ConfigLocator.Choice config(Path explicit) {
                    return new ConfigLocator.Choice(configFile, "the running server's");
                }

                @Override
                public MailUsers mailUsers(Path file) {
                    return new AdminMailUsers(wiring.config(), wiring.auth(), wiring.userStorage(), () -> {});
                }

                @Override
                public java.util.Optional<ServerControl> server() {
                    return java.util.Optional.of(control);
                }

                @Override
                public InputStream stdin() {
                    return stdin;
                }
            };
            return AdminCli.run(args.toArray(String[]::new), out, err, env);
        } finally {
            wiring.sessionClosed();
        }
    }

    Path socketPath() {
        return socket.path();
    }

    @Override
    public void close() {
        socket.close();
        try {
            Files.deleteIfExists(record);
        } catch (IOException e) {
            LOG.warn("could not remove " + record + ": " + e.getMessage());
        }
    }
}
