package org.loftmail.admin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.loftmail.auth.socket.AuthSocketClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code adm auth cache flush [-a SOCKET] [USER…]}: empties the running server's auth cache. */
@Command(name = "cache", mixinStandardHelpOptions = true, description = "The auth cache.",
        footer = {"", "Example:  adm auth cache flush jsmith"},
        subcommands = AuthCacheCommand.Flush.class)
public final class AuthCacheCommand implements Runnable {
    @ParentCommand
    AuthCommand auth;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "Missing cache command (flush)");
    }

    /** {@code flush}: like {@code doveadm auth cache flush}. */
    @Command(name = "flush", mixinStandardHelpOptions = true, description = "Flush the auth cache (all, or these users).",
            footer = {"", "Example:  adm auth cache flush jsmith"})
    public static final class Flush implements Callable<Integer> {
        @ParentCommand
        AuthCacheCommand cache;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "-a", paramLabel = "SOCKET", description = "Auth userdb socket (default: base_dir/auth-userdb).")
        Path socket;

        @Parameters(paramLabel = "USER", arity = "0..*")
        List<String> users = new ArrayList<>();

        @Override
        public Integer call() {
            Path path;
            try {
                path = AuthSockets.resolve(socket, cache.auth.parent, "auth-userdb");
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("adm auth cache flush: " + e.getMessage());
                return AdminCli.EXIT_CONFIG;
            }
            try (AuthSocketClient client = AuthSocketClient.userdb(path)) {
                long n = client.cacheFlush(users);
                spec.commandLine().getOut().println(n + " cache entries flushed");
                return 0;
            } catch (IOException e) {
                spec.commandLine().getErr().println("adm auth cache flush: Error: " + e.getMessage());
                return AuthSockets.EXIT_TEMPFAIL;
            }
        }
    }
}
