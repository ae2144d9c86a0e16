package org.loftmail.admin.sieve;

import org.loftmail.admin.ExitCodes;
import org.loftmail.admin.mail.MailContext;
import org.loftmail.admin.mail.SieveAccess;
import org.loftmail.sieve.compile.CompileResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sieve put -u USER [-a] NAME < script}: stores the script from standard input once it compiles (with the
 * extensions ManageSieve allows); {@code -a} makes it the active one. A script with errors is not stored.
 */
@Command(name = "put", mixinStandardHelpOptions = true, description = "Store a Sieve script from standard input.",
        footer = {"", "Example:  adm sieve put -u jsmith -a main < main.sieve"})
public final class SievePutCommand extends SieveUserCommand {

    @Option(names = "-a", description = "Activate it too.")
    boolean activate;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    private byte[] script;

    @Override
    protected String usageProblem() {
        return who.manyUsersGiven() ? "sieve put takes one user (-u)" : null;
    }

    @Override
    protected int run(MailContext ctx, SieveAccess sieve) throws Exception {
        if (script == null) {
            script = ctx.stdin().readAllBytes();
        }
        if (sieve.compiler().compile(script) instanceof CompileResult.Failed failed) {
            ctx.error("Failed to save sieve script '" + name + "': Compilation failed:");
            for (String line : failed.report().split("\n")) {
                ctx.error(name + ": " + line);
            }
            return ExitCodes.DATAERR;
        }
        sieve.store().put(name, script);
        if (activate) {
            sieve.store().activate(name);
        }
        return ExitCodes.OK;
    }
}
