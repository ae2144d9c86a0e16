package org.loftmail.admin.sieve;

import org.loftmail.admin.ExitCodes;
import org.loftmail.admin.mail.MailContext;
import org.loftmail.admin.mail.SieveAccess;
import picocli.CommandLine.Command;

/** {@code sieve deactivate -u USER}: no script runs at delivery. */
@Command(name = "deactivate", mixinStandardHelpOptions = true, description = "Deactivate the active Sieve script.",
        footer = {"", "Example:  adm sieve deactivate -u jsmith"})
public final class SieveDeactivateCommand extends SieveUserCommand {
    @Override
    protected int run(MailContext ctx, SieveAccess sieve) throws Exception {
        sieve.store().deactivate();
        return ExitCodes.OK;
    }
}
