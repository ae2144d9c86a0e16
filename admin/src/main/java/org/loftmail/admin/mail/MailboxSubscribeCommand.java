package org.loftmail.admin.mail;

import java.util.ArrayList;
import java.util.List;
import org.loftmail.admin.ExitCodes;
import org.loftmail.admin.print.Header;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mailbox subscribe -u USER NAME…}: adds names to the subscriptions (they need not exist, as in IMAP). */
@Command(name = "subscribe", mixinStandardHelpOptions = true, description = "Subscribe mailboxes.",
        footer = {"", "Example:  adm mailbox subscribe -u jsmith Spam"})
public final class MailboxSubscribeCommand extends MailCommand {

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
                ctx.storage().subscribe(ctx.parse(name));
            } catch (Exception e) {
                ctx.error("Can't subscribe to mailbox " + name + ": " + e.getMessage());
                exit = ExitCodes.worst(exit, exitCode(e));
            }
        }
        return exit;
    }
}
