package org.loftmail.admin;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.loftmail.auth.scheme.GenerateOptions;
import org.loftmail.auth.scheme.InvalidStoredPasswordException;
import org.loftmail.auth.scheme.PasswordSchemes;
import org.loftmail.auth.scheme.StoredPassword;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code adm pw}: makes password hashes like {@code doveadm pw} (same options, same output
 * {@code {SCHEME}hash}), for passwd-files and SQL tables.
 */
@Command(
        name = "pw",
        mixinStandardHelpOptions = true,
        description = "Generate a password hash for passdb files and tables, like doveadm pw.",
        footer = {"", "Example:  adm pw -s SHA512-CRYPT"})
public final class PwCommand implements Callable<Integer> {
    static final String DEFAULT_SCHEME = "CRYPT";
    /** What doveadm pw -t exits with when the password does not match (its fatal-error code). */
    static final int EXIT_MISMATCH = 75;

    @Spec
    CommandSpec spec;

    @Option(names = "-s", paramLabel = "SCHEME", description = "Password scheme (default ${DEFAULT-VALUE}); .b64/.hex suffixes allowed.",
            defaultValue = DEFAULT_SCHEME)
    String scheme;

    @Option(names = "-p", paramLabel = "PASS", description = "The password (asked for on the terminal when missing).")
    String password;

    @Option(names = "-u", paramLabel = "USER", description = "User name, for schemes that use it.", defaultValue = "")
    String user;

    @Option(names = "-r", paramLabel = "ROUNDS", description = "Rounds/cost for schemes that have them.")
    Integer rounds;

    @Option(names = "-l", description = "List the known schemes.")
    boolean list;

    @Option(names = "-t", paramLabel = "HASH", description = "Check that PASS matches HASH instead of making one.")
    String test;

    @Option(names = "-V", description = "Verify the new hash against the password before printing it.")
    boolean reverseVerify;

    private final PasswordSchemes schemes;
    private final InputStream stdin;

    public PwCommand() {
        this(PasswordSchemes.standard(), System.in);
    }

    PwCommand(PasswordSchemes schemes, InputStream stdin) {
        this.schemes = schemes;
        this.stdin = stdin;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (list) {
            out.println(String.join(" ", schemes.names()));
            return 0;
        }
        if (schemes.find(scheme).isEmpty()) {
            err.println("Fatal: Unknown scheme: " + scheme);
            return AdminCli.EXIT_USAGE;
        }
        byte[] plain = password != null ? password.getBytes(StandardCharsets.UTF_8) : readPassword(err);
        if (plain == null) {
            return 65;
        }
        try {
            if (test != null) {
                return check(plain, StoredPassword.parse(test, scheme), out, err);
            }
            StoredPassword made = schemes.generate(scheme.toUpperCase(Locale.ROOT), plain,
                    new GenerateOptions(user, rounds == null ? OptionalInt.empty() : OptionalInt.of(rounds)));
            if (reverseVerify && !schemes.verify(plain, made, user)) {
                err.println("Fatal: reverse password verification check failed: Password mismatch");
                return EXIT_MISMATCH;
            }
            out.println(made.format() + (reverseVerify ? " (verified)" : ""));
            return 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("Fatal: " + e.getMessage());
            return AdminCli.EXIT_USAGE;
        } catch (InvalidStoredPasswordException e) {
            err.println("Fatal: " + e.getMessage());
            return 65;
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private int check(byte[] plain, StoredPassword stored, PrintWriter out, PrintWriter err)
            throws InvalidStoredPasswordException {
        if (schemes.verify(plain, stored, user)) {
            out.println(stored.format() + " (verified)");
            return 0;
        }
        err.println("Fatal: reverse password verification check failed: Password mismatch");
        return EXIT_MISMATCH;
    }

    /** Asks twice on the terminal without echo, or reads one line from standard input when there is no terminal. */
    private byte[] readPassword(PrintWriter err) throws IOException {
        Console console = System.console();
        if (console != null && stdin == System.in) {
            char[] first = console.readPassword("Enter new password: ");
            char[] second = console.readPassword("Retype new password: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                err.println("Fatal: Passwords don't match!");
                return null;
            }
            if (first.length == 0) {
                err.println("Fatal: Empty passwords are not allowed");
                return null;
            }
            return new String(first).getBytes(StandardCharsets.UTF_8);
        }
        String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            err.println("Fatal: Empty passwords are not allowed");
            return null;
        }
        return line.getBytes(StandardCharsets.UTF_8);
    }
}
