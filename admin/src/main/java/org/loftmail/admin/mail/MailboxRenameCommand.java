package org.loftmail.admin.mail;

import java.util.List;
import org.loftmail.admin.ExitCodes;
import org.loftmail.admin.print.Header;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.MailboxExistsException;
import org.loftmail.core.storage.MailboxNotFoundException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mailbox rename [-s] -u USER OLD NEW}: renames a mailbox with its children; -s moves the subscription. */
@Command(name = "rename", mixinStandardHelpOptions = true, description = "Rename a mailbox.",
        footer = {"", "Example:  adm mailbox rename -u jsmith -s Junk Spam"})
public final class MailboxRenameCommand extends MailCommand {

    @Option(names = "-s", description = "Move the subscription too.")
    boolean subscriptions;

    @Parameters(index = "0", paramLabel = "OLD")
    String from;

    @Parameters(index = "1", paramLabel = "NEW")
    String to;

    @Override
    protected List<Header> headers() {
        return List.of();
    }

    @Override
    protected int run(MailContext ctx) {
        try {
            MailboxName oldName = ctx.parse(from);
            MailboxName newName = ctx.parse(to);
            if (ctx.storage().info(oldName).isEmpty()) {
                throw new MailboxNotFoundException(oldName);
            }
            if (ctx.storage().info(newName).isPresent()) {
                throw new MailboxExistsException(newName);
            }
            ctx.storage().rename(oldName, newName);
            if (subscriptions && ctx.storage().subscriptions().contains(oldName)) {
                ctx.storage().unsubscribe(oldName);
                ctx.storage().subscribe(newName);
            }
            return ExitCodes.OK;
        } catch (Exception e) {
            String reason = e instanceof MailboxNotFoundException ? "Mailbox doesn't exist: " + from
                    : e instanceof MailboxExistsException ? "Target mailbox already exists" : e.getMessage();
            ctx.error("Can't rename mailbox " + from + " to " + to + ": " + reason);
            return exitCode(e);
        }
    }
}
