package org.loftmail.admin.mail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.loftmail.admin.ExitCodes;
import org.loftmail.admin.print.Header;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.mail.ModifiedUtf7;
import org.loftmail.core.storage.MailboxInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mailbox list [-s] [-7|-8] [-u USER] [MASK…]}: the user's mailboxes (with the parents that only hold
 * children), one per line; {@code -s} only the subscribed ones, as the subscriptions file has them.
 */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List mailboxes.",
        footer = {"", "Example:  adm mailbox list -u jsmith 'Archive/*'"})
public final class MailboxListCommand extends MailCommand {

    @Option(names = "-s", description = "Only subscribed mailboxes.")
    boolean subscribed;

    @Option(names = "-7", description = "Names in modified UTF-7.")
    boolean mutf7;

    @Option(names = "-8", description = "Names in UTF-8 (the default).")
    boolean utf8;

    @Parameters(paramLabel = "MASK", arity = "0..*", description = "Only names matching a mask (* and %).")
    List<String> masks = new ArrayList<>();

    @Override
    protected List<Header> headers() {
        return List.of(Header.hidden("mailbox"));
    }

    @Override
    protected String usageProblem() {
        return mutf7 && utf8 ? "-7 and -8 exclude each other" : null;
    }

    @Override
    protected int run(MailContext ctx) throws Exception {
        MailboxMask mask = MailboxMask.of(masks, ctx.inboxNamespace().separator());
        Set<MailboxName> names = new LinkedHashSet<>();
        if (subscribed) {
            for (MailboxInfo info : ctx.storage().list()) {
                if (info.subscribed()) {
                    names.add(info.name());
                }
            }
            names.addAll(ctx.storage().subscriptions());
        } else {
            for (MailboxInfo info : ctx.storage().list()) {
                names.add(info.name());
            }
        }
        for (MailboxName name : names) {
            String shown = ctx.format(name);
            if (mask.matches(shown)) {
                ctx.row().value(mutf7 ? ModifiedUtf7.encode(shown) : shown);
            }
        }
        return ExitCodes.OK;
    }
}
