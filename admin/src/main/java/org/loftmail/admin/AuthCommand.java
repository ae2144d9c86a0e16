package org.loftmail.admin;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code adm auth}: doveadm's auth commands (test, lookup, cache flush). */
@Command(name = "auth", mixinStandardHelpOptions = true, description = "Test and inspect the auth service.",
        footer = {"", "Example:  adm auth test jsmith"},
        subcommands = {AuthTestCommand.class, AuthLookupCommand.class, AuthCacheCommand.class},
        exitCodeOnInvalidInput = AdminCli.EXIT_USAGE)
public final class AuthCommand implements Runnable {
    @ParentCommand
    AdminCli parent;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "Missing auth command (test, lookup, cache)");
    }
}
