package org.loftmail.admin.sieve;

import org.loftmail.admin.ExitCodes;
import org.loftmail.admin.mail.MailContext;
import org.loftmail.admin.mail.SieveAccess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sieve activate -u USER NAME}: the script runs at delivery from now on. */
@Command(name = "activate", mixinStandardHelpOptions = true, description = "Activate a Sieve script.",
        footer = {"", "Example:  adm sieve activate -u jsmith main"})
public final class SieveActivateCommand extends SieveUserCommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    protected int run(MailContext ctx, SieveAccess sieve) throws Exception {
        sieve.store().activate(name);
        return ExitCodes.OK;
    }
}
