package org.loftmail.admin.sieve;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.loftmail.admin.AdminCli;
import org.loftmail.admin.ConfigLocator;
import org.loftmail.admin.ExitCodes;
import org.loftmail.admin.mail.MailUsers;
import org.loftmail.sieve.compile.CompileResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sieve check FILE…}: compiles scripts with the configuration's Sieve extensions (like Pigeonhole's sievec,
 * without writing a binary): nothing is printed for a good script; errors as {@code FILE: line N: error: …}, exit 65.
 */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Check that Sieve scripts compile.",
        footer = {"", "Example:  adm sieve check ~/sieve/main.sieve"})
public final class SieveCheckCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*")
    java.util.List<Path> files = new java.util.ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        AdminCli root = AdminCli.of(spec);
        Path config;
        try {
            config = root.configChoice().file();
        } catch (ConfigLocator.NotFound e) {
            err.println("doveadm: Error: " + e.getMessage());
            return ExitCodes.CONFIG;
        }
        int exit = ExitCodes.OK;
        try (MailUsers users = root.environment().mailUsers(config)) {
            for (Path file : files) {
                byte[] source;
                try {
                    source = Files.readAllBytes(file);
                } catch (IOException e) {
                    err.println(file + ": error: cannot read: " + e.getMessage());
                    exit = ExitCodes.worst(exit, ExitCodes.NOTFOUND);
                    continue;
                }
                if (users.sieveCompiler().compile(source) instanceof CompileResult.Failed failed) {
                    for (String line : failed.report().split("\n")) {
                        err.println(file + ": " + line);
                    }
                    exit = ExitCodes.worst(exit, ExitCodes.DATAERR);
                }
            }
        }
        err.flush();
        return exit;
    }
}
