package org.loftmail.admin.mail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.loftmail.admin.ExitCodes;
import org.loftmail.admin.print.Header;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.MailboxInfo;
import org.loftmail.core.storage.MailboxNotFoundException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mailbox delete [-r] [-e] [-s] -u USER NAME…}: deletes mailboxes; {@code -r} their children first (deepest
 * first), {@code -e} only when empty, {@code -s} unsubscribes them too. INBOX cannot be deleted.
 */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete mailboxes.",
        footer = {"", "Example:  adm mailbox delete -u jsmith -s Spam"})
public final class MailboxDeleteCommand extends MailCommand {

    @Option(names = "-r", description = "Delete the children too.")
    boolean recursive;

    @Option(names = "-e", description = "Only if the mailbox is empty.")
    boolean onlyEmpty;

    @Option(names = "-s", description = "Unsubscribe them too.")
    boolean unsubscribe;

    @Parameters(paramLabel = "NAME", arity = "1..*")
    List<String> names = new ArrayList<>();

    @Override
    protected List<Header> headers() {
        return List.of();
    }

    @Override
    protected int run(MailContext ctx) throws Exception {
        List<String> targets = new ArrayList<>();
        if (recursive) {
            List<MailboxInfo> all = ctx.storage().list();
            for (String name : names) {
                MailboxName parent = ctx.parse(name);
                all.stream().map(MailboxInfo::name)
                        .filter(n -> n.depth() > parent.depth() && n.isSelfOrDescendantOf(parent))
                        .sorted(Comparator.comparingInt(MailboxName::depth).reversed())
                        .forEach(n -> targets.add(ctx.format(n)));
                targets.add(name);
            }
        } else {
            targets.addAll(names);
        }
        int exit = ExitCodes.OK;
        for (String name : targets) {
            exit = ExitCodes.worst(exit, delete(ctx, name));
        }
        return exit;
    }

    private int delete(MailContext ctx, String name) {
        try {
            MailboxName parsed = ctx.parse(name);
            if (parsed.isInbox()) {
                ctx.error("Can't delete mailbox " + name + ": INBOX can't be deleted.");
                return ExitCodes.DATAERR;
            }
            Optional<MailboxInfo> info = ctx.storage().info(parsed);
            if (info.isEmpty() || !info.get().selectable()) {
                throw new MailboxNotFoundException(parsed);
            }
            if (onlyEmpty && ctx.storage().mailbox(parsed).status().messages() > 0) {
                ctx.error("Can't delete mailbox " + name + ": Mailbox isn't empty");
                return ExitCodes.DATAERR;
            }
            ctx.storage().delete(parsed);
            if (unsubscribe) {
                ctx.storage().unsubscribe(parsed);
            }
            return ExitCodes.OK;
        } catch (Exception e) {
            String reason = e instanceof MailboxNotFoundException ? "Mailbox doesn't exist: " + name : e.getMessage();
            ctx.error("Can't delete mailbox " + name + ": " + reason);
            return exitCode(e);
        }
    }
}
