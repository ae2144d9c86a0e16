package org.loftmail.admin.mail;

import java.util.List;
import org.loftmail.admin.ExitCodes;
import org.loftmail.admin.print.Header;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code backup -u USER DEST_LOCATION}: makes DEST_LOCATION (e.g. {@code maildir:/backup/%u/Maildir}) a copy of the
 * user's Maildir that keeps UIDVALIDITY, UIDs, flags, keywords, INTERNALDATE and POP3 UIDLs, removing there what the
 * user no longer has. Silent on success, as doveadm; {@code -v} prints what was copied.
 */
@Command(name = "backup", mixinStandardHelpOptions = true, description = "One-way copy of a user's Maildir (doveadm backup).",
        footer = {"", "Example:  adm backup -u jsmith maildir:/backup/jsmith/Maildir"})
public final class BackupCommand extends MailCommand {

    @Option(names = "-R", description = "Reverse direction: not supported by Loft yet.")
    boolean reverse;

    @Option(names = "-v", description = "Print what was copied.")
    boolean verbose;

    @Parameters(index = "0", paramLabel = "DEST_LOCATION")
    String destination;

    @Override
    protected String usageProblem() {
        return reverse ? "-R (restoring from the destination) is not supported by Loft yet" : null;
    }

    @Override
    protected List<Header> headers() {
        return List.of();
    }

    @Override
    protected int run(MailContext ctx) throws Exception {
        String summary = ctx.users().backup(ctx.user(), destination);
        if (verbose) {
            ctx.out().println(ctx.user() + ": " + summary);
            ctx.out().flush();
        }
        return ExitCodes.OK;
    }
}
