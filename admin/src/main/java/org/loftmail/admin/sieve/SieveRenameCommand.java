package org.loftmail.admin.sieve;

import org.loftmail.admin.ExitCodes;
import org.loftmail.admin.mail.MailContext;
import org.loftmail.admin.mail.SieveAccess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sieve rename -u USER OLD NEW} (an active script stays active under its new name). */
@Command(name = "rename", mixinStandardHelpOptions = true, description = "Rename a Sieve script.",
        footer = {"", "Example:  adm sieve rename -u jsmith main filters"})
public final class SieveRenameCommand extends SieveUserCommand {
    @Parameters(index = "0", paramLabel = "OLD")
    String from;

    @Parameters(index = "1", paramLabel = "NEW")
    String to;

    @Override
    protected int run(MailContext ctx, SieveAccess sieve) throws Exception {
        sieve.store().rename(from, to);
        return ExitCodes.OK;
    }
}
