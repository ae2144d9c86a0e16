package org.loftmail.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.loftmail.auth.socket.AuthSocketClient;
import org.loftmail.core.text.WildcardMatcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code adm user [-a SOCKET] [-f FIELD] [-x service=NAME] USER|MASK…}: userdb lookups through
 * the auth-userdb socket like {@code doveadm user}; a mask with {@code *}/{@code ?} lists the
 * matching users.
 */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Look a user up in the userdbs (doveadm user).",
        footer = {"", "Example:  adm user -f home jsmith"},
        exitCodeOnInvalidInput = AdminCli.EXIT_USAGE)
public final class UserCommand implements Callable<Integer> {
    @ParentCommand
    AdminCli parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "-a", paramLabel = "SOCKET", description = "Auth userdb socket (default: base_dir/auth-userdb).")
    Path socket;

    @Option(names = "-f", paramLabel = "FIELD", description = "Print only this field's value.")
    String field;

    @Option(names = "-x", paramLabel = "service=NAME", description = "The service to look up for (default doveadm).")
    String service = "service=doveadm";

    @Parameters(paramLabel = "USER", arity = "1..*")
    List<String> users = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path path;
        try {
            path = AuthSockets.resolve(socket, parent, "auth-userdb");
        } catch (IllegalArgumentException e) {
            err.println("adm user: " + e.getMessage());
            return AdminCli.EXIT_CONFIG;
        }
        String svc = service.startsWith("service=") ? service.substring("service=".length()) : service;
        int exit = 0;
        try (AuthSocketClient client = AuthSocketClient.userdb(path)) {
            for (String user : users) {
                if (user.contains("*") || user.contains("?")) {
                    WildcardMatcher mask = WildcardMatcher.glob(user);
                    for (String u : client.list()) {
                        if (mask.matches(u)) {
                            out.println(u);
                        }
                    }
                    continue;
                }
                AuthSocketClient.Reply r = client.lookup("USER", user, svc);
                switch (r.command()) {
                    case "USER" -> {
                        if (field != null) {
                            out.println(r.fields().getOrDefault(field, ""));
                        } else {
                            // doveadm's tab format: a heading, then one field a line
                            out.print("field\tvalue\n");
                            r.fields().forEach((k, v) -> out.print(k + "\t" + v + "\n"));
                        }
                    }
                    case "NOTFOUND" -> {
                        err.println("userdb lookup: user " + user + " doesn't exist");
                        exit = AuthSockets.EXIT_NOUSER;
                    }
                    default -> {
                        err.println("userdb lookup: user " + user + " failed: " + r.fields().getOrDefault("reason", r.command()));
                        exit = AuthSockets.EXIT_TEMPFAIL;
                    }
                }
            }
        } catch (IOException e) {
            err.println("adm user: Error: " + e.getMessage());
            return AuthSockets.EXIT_TEMPFAIL;
        }
        return exit;
    }
}
