package org.loftmail.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.loftmail.auth.socket.AuthSocketClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code adm auth lookup [-a SOCKET] [-f FIELD] USER…}: a passdb lookup without a password
 * through the auth-userdb socket, like {@code doveadm auth lookup}.
 */
@Command(name = "lookup", mixinStandardHelpOptions = true, description = "Look a user up in the passdbs (doveadm auth lookup).",
        footer = {"", "Example:  adm auth lookup jsmith"})
public final class AuthLookupCommand implements Callable<Integer> {
    @ParentCommand
    AuthCommand auth;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "-a", paramLabel = "SOCKET", description = "Auth userdb socket (default: base_dir/auth-userdb).")
    Path socket;

    @Option(names = "-f", paramLabel = "FIELD", description = "Print only this field's value.")
    String field;

    @Option(names = "-x", paramLabel = "service=NAME", description = "The service to look up for (default doveadm).")
    String service = "service=doveadm";

    @Parameters(paramLabel = "USER", arity = "1..*")
    List<String> users;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path path;
        try {
            path = AuthSockets.resolve(socket, auth.parent, "auth-userdb");
        } catch (IllegalArgumentException e) {
            err.println("adm auth lookup: " + e.getMessage());
            return AdminCli.EXIT_CONFIG;
        }
        int exit = 0;
        String svc = service.startsWith("service=") ? service.substring("service=".length()) : service;
        try (AuthSocketClient client = AuthSocketClient.userdb(path)) {
            for (String user : users) {
                AuthSocketClient.Reply r = client.lookup("PASS", user, svc);
                switch (r.command()) {
                    case "PASS" -> {
                        if (field != null) {
                            out.println(r.fields().getOrDefault(field, ""));
                        } else {
                            out.println("passdb: " + user);
                            r.fields().forEach((k, v) -> out.printf("  %-10s: %s%n", k, v));
                        }
                    }
                    case "NOTFOUND" -> {
                        err.println("passdb: " + user + " doesn't exist");
                        exit = AuthSockets.EXIT_NOUSER;
                    }
                    default -> {
                        err.println("passdb: " + user + " lookup failed: " + r.fields().getOrDefault("reason", r.command()));
                        exit = AuthSockets.EXIT_TEMPFAIL;
                    }
                }
            }
        } catch (IOException e) {
            err.println("adm auth lookup: Error: " + e.getMessage());
            return AuthSockets.EXIT_TEMPFAIL;
        }
        return exit;
    }
}
