package org.loftmail.admin.sieve;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code adm sieve}: a user's Sieve scripts, as Pigeonhole's doveadm sieve commands manage them. */
@Command(name = "sieve", mixinStandardHelpOptions = true, description = "Sieve script commands (doveadm sieve).",
        footer = {"", "Example:  adm sieve list -u jsmith"},
        subcommands = {SieveListCommand.class, SieveGetCommand.class, SievePutCommand.class,
            SieveActivateCommand.class, SieveDeactivateCommand.class, SieveDeleteCommand.class,
            SieveRenameCommand.class, SieveCheckCommand.class},
        exitCodeOnInvalidInput = 64)
public final class SieveCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing sieve command (list, get, put, activate, deactivate, delete, rename, check)");
    }
}
