package org.loftmail.server;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The entry point behind the {@code loft} launcher:
 * {@code demo [--home DIR]}, {@code serve -c FILE}, {@code adm …}, {@code lda …}.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != Integer.MIN_VALUE) {
            System.exit(code);
        }
    }

    /** Runs a command; a server command blocks until the server stops. Returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("usage: loft demo | serve -c FILE | adm ... | lda ...");
            return 64;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "demo" -> Demo.run(rest, out, err);
            case "serve" -> serve(rest, err);
            case "adm" -> Admin.run(rest, out, err);
            case "lda" -> Lda.run(rest, out, err);
            default -> {
                err.println("loft: unknown command '" + args[0] + "'");
                yield 64;
            }
        };
    }

    private static int serve(String[] args, PrintStream err) {
        Path config = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-c") && i + 1 < args.length) {
                config = Path.of(args[++i]);
            } else {
                err.println("loft serve: unknown argument '" + args[i] + "' (usage: loft serve -c FILE)");
                return 64;
            }
        }
        if (config == null) {
            err.println("loft serve: needs -c FILE (the main configuration file, like dovecot -c)");
            return 64;
        }
        return LoftServer.runUntilStopped(config, err, null);
    }
}
