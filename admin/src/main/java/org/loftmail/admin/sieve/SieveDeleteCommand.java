package org.loftmail.admin.sieve;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.loftmail.admin.ExitCodes;
import org.loftmail.admin.mail.MailContext;
import org.loftmail.admin.mail.SieveAccess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sieve delete -u USER [-a] NAME…}: deletes scripts; the active one only with {@code -a}. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete Sieve scripts.",
        footer = {"", "Example:  adm sieve delete -u jsmith old"})
public final class SieveDeleteCommand extends SieveUserCommand {

    @Option(names = "-a", description = "Also the active script (it is deactivated first).")
    boolean evenActive;

    @Parameters(paramLabel = "NAME", arity = "1..*")
    List<String> names = new ArrayList<>();

    @Override
    protected int run(MailContext ctx, SieveAccess sieve) throws Exception {
        int exit = ExitCodes.OK;
        for (String name : names) {
            try {
                Optional<String> active = sieve.store().activeName();
                if (evenActive && active.isPresent() && active.get().equals(name)) {
                    sieve.store().deactivate();
                }
                sieve.store().delete(name);
            } catch (Exception e) {
                ctx.error("Failed to delete Sieve script '" + name + "': " + e.getMessage());
                exit = ExitCodes.worst(exit, exitCode(e));
            }
        }
        return exit;
    }
}
