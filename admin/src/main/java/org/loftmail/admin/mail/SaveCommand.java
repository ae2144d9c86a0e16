package org.loftmail.admin.mail;

import java.util.List;
import org.loftmail.admin.ExitCodes;
import org.loftmail.admin.print.Header;
import org.loftmail.core.storage.AppendRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code save -u USER [-m MAILBOX]}: stores the message on standard input (INBOX by default), durably, as a delivery
 * without Sieve; IDLE sessions hear it when the server runs the command.
 */
@Command(name = "save", mixinStandardHelpOptions = true, description = "Save a message from standard input.",
        footer = {"", "Example:  adm save -u jsmith -m Archive < message.eml"})
public final class SaveCommand extends MailCommand {

    @Option(names = "-m", paramLabel = "MAILBOX", description = "The mailbox (default INBOX).")
    String mailbox = "INBOX";

    private byte[] message;

    @Override
    protected String usageProblem() {
        return who.manyUsers() ? "save takes one user (-u)" : null;
    }

    @Override
    protected List<Header> headers() {
        return List.of();
    }

    @Override
    protected int run(MailContext ctx) throws Exception {
        if (message == null) {
            message = ctx.stdin().readAllBytes();
        }
        if (message.length == 0) {
            ctx.error("Can't save an empty message");
            return ExitCodes.DATAERR;
        }
        var target = ctx.storage().mailbox(ctx.parse(mailbox));
        target.append(new java.io.ByteArrayInputStream(message), AppendRequest.DEFAULT);
        return ExitCodes.OK;
    }
}
