package org.loftmail.admin.mail;

import java.util.ArrayList;
import java.util.List;
import org.loftmail.admin.ExitCodes;
import org.loftmail.admin.print.Header;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mailbox unsubscribe -u USER NAME…}: removes names from the subscriptions. */
@Command(name = "unsubscribe", mixinStandardHelpOptions = true, description = "Unsubscribe mailboxes.",
        footer = {"", "Example:  adm mailbox unsubscribe -u jsmith Spam"})
public final class MailboxUnsubscribeCommand extends MailCommand {

    @Parameters(paramLabel = "NAME", arity = "1..*")
    List<String> names = new ArrayList<>();

    @Override
    protected List<Header> headers() {
        return List.of();
    }

    @Override
    protected int run(MailContext ctx) {
        int exit = ExitCodes.OK;
        for (String name : names) {
            try {
                ctx.storage().unsubscribe(ctx.parse(name));
            } catch (Exception e) {
                ctx.error("Can't unsubscribe mailbox " + name + ": " + e.getMessage());
                exit = ExitCodes.worst(exit, exitCode(e));
            }
        }
        return exit;
    }
}
