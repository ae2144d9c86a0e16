package org.loftmail.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.loftmail.auth.socket.AuthSocketClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code adm auth test [-a SOCKET] [-x KEY=VALUE] USER [PASSWORD]}: authenticates through the
 * running server's auth-client socket like {@code doveadm auth test}; asks for the password on
 * standard input when it isn't given.
 */
@Command(name = "test", mixinStandardHelpOptions = true, description = "Test a user's password (doveadm auth test).",
        footer = {"", "Example:  adm auth test jsmith 'secret'"})
public final class AuthTestCommand implements Callable<Integer> {
    @ParentCommand
    AuthCommand auth;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "-a", paramLabel = "SOCKET", description = "Auth client socket (default: base_dir/auth-client).")
    Path socket;

    @Option(names = "-x", paramLabel = "KEY=VALUE", description = "Request info: service=, lip=, rip=, lport=, rport=, secured (repeatable).")
    List<String> info = new ArrayList<>();

    @Parameters(index = "0", paramLabel = "USER")
    String user;

    @Parameters(index = "1", paramLabel = "PASSWORD", arity = "0..1")
    String password;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String pw = password;
        if (pw == null) {
            err.print("Password: ");
            err.flush();
            pw = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (pw == null) {
                pw = "";
            }
        }
        Map<String, String> extra = new LinkedHashMap<>();
        String service = "doveadm";
        for (String kv : info) {
            int eq = kv.indexOf('=');
            String k = eq < 0 ? kv : kv.substring(0, eq);
            String v = eq < 0 ? "" : kv.substring(eq + 1);
            if (k.equals("service")) {
                service = v;
            } else {
                extra.put(k, v);
            }
        }
        Path path;
        try {
            path = AuthSockets.resolve(socket, auth.parent, "auth-client");
        } catch (IllegalArgumentException e) {
            err.println("adm auth test: " + e.getMessage());
            return AdminCli.EXIT_CONFIG;
        }
        AuthSocketClient.Reply r;
        try (AuthSocketClient client = AuthSocketClient.client(path)) {
            r = client.authPlain(service, user, pw, extra);
        } catch (IOException e) {
            err.println("adm auth test: Error: " + e.getMessage());
            return AuthSockets.EXIT_TEMPFAIL;
        }
        boolean ok = r.command().equals("OK");
        out.println("passdb: " + user + " auth " + (ok ? "succeeded" : "failed"));
        if (!r.fields().isEmpty()) {
            out.println("extra fields:");
            r.fields().forEach((k, v) -> out.println("  " + k + "=" + v));
        }
        if (ok) {
            return 0;
        }
        return r.args().contains("temp") ? AuthSockets.EXIT_TEMPFAIL : AuthSockets.EXIT_NOPERM;
    }
}
