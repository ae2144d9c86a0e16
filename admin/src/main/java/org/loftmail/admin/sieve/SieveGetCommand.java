package org.loftmail.admin.sieve;

import java.nio.charset.StandardCharsets;
import org.loftmail.admin.ExitCodes;
import org.loftmail.admin.mail.MailContext;
import org.loftmail.admin.mail.SieveAccess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sieve get -u USER [-a] NAME}: prints the script as stored; {@code -a} the active one. */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Print a Sieve script.",
        footer = {"", "Example:  adm sieve get -u jsmith main"})
public final class SieveGetCommand extends SieveUserCommand {

    @Option(names = "-a", description = "The active script.")
    boolean active;

    @Parameters(arity = "0..1", paramLabel = "NAME")
    String name;

    @Override
    protected String usageProblem() {
        if (active && name != null) {
            return "-a and NAME exclude each other";
        }
        return !active && name == null ? "Missing NAME (or -a)" : null;
    }

    @Override
    protected int run(MailContext ctx, SieveAccess sieve) throws Exception {
        var file = active ? sieve.store().readActive().orElse(null) : sieve.store().read(name);
        if (file == null) {
            ctx.error("No active Sieve script");
            return ExitCodes.NOTFOUND;
        }
        ctx.out().print(new String(file.content(), StandardCharsets.UTF_8));
        ctx.out().flush();
        return ExitCodes.OK;
    }
}
