package org.loftmail.admin.mail;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.loftmail.admin.ExitCodes;
import org.loftmail.admin.mail.search.MessageSearch;
import org.loftmail.admin.print.Header;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.AppendRequest;
import org.loftmail.core.storage.Mailbox;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.MessageRecord;
import org.loftmail.core.storage.SpecialUse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code import -u USER [-s] SOURCE_LOCATION DEST_PARENT QUERY}: copies the matching messages of another mail store
 * (an mbox spool, an old Maildir) into the user's mailboxes under DEST_PARENT ({@code ""} for the same names),
 * creating the mailboxes as needed, with their flags, keywords and INTERNALDATE. As with doveadm, the messages get new
 * UIDs; {@code backup} keeps them.
 */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Import messages from another store.",
        footer = {"", "Example:  adm import -u jsmith mbox:~/mail:INBOX=/var/mail/jsmith Imported all"})
public final class ImportCommand extends QueryCommand {

    @Option(names = "-s", description = "Subscribe the mailboxes created.")
    boolean subscribe;

    @Option(names = "-U", paramLabel = "USER", description = "Read another user's store: not supported by Loft yet.")
    String sourceUser;

    @Parameters(index = "0", paramLabel = "SOURCE_LOCATION")
    String source;

    @Parameters(index = "1", paramLabel = "DEST_PARENT")
    String destParent;

    @Parameters(index = "2..*", arity = "1..*", paramLabel = "QUERY")
    List<String> args = new ArrayList<>();

    @Override
    protected List<String> queryArgs() {
        return args;
    }

    @Override
    protected String moreProblems() {
        return sourceUser != null ? "-U (another user's store) is not supported by Loft yet" : null;
    }

    @Override
    protected List<Header> headers() {
        return List.of();
    }

    @Override
    protected int run(MailContext ctx) throws Exception {
        try (MailStorage from = ctx.users().openAt(ctx.user(), source)) {
            MailContext sourceCtx = ctx.withStorage(from);
            char sep = ctx.inboxNamespace().separator();
            MessageSearch.run(sourceCtx, query, true, m -> {
                if (m.uids().isEmpty()) {
                    return;
                }
                String shown = m.shownName().replace(sourceCtx.inboxNamespace().separator(), sep);
                MailboxName target = ctx.parse(destParent.isEmpty() ? shown : destParent + sep + shown);
                if (ctx.storage().info(target).isEmpty()) {
                    ctx.storage().create(target, java.util.Set.<SpecialUse>of());
                    if (subscribe) {
                        ctx.storage().subscribe(target);
                    }
                }
                Mailbox dest = ctx.storage().mailbox(target);
                for (long uid : m.uids().stream().toArray()) {
                    MessageRecord r = m.view().record(m.view().seq(uid));
                    try (InputStream in = m.view().openPhysical(uid)) {
                        dest.append(in, new AppendRequest(Optional.of(r.internalDate()), r.flags()));
                    }
                }
            });
        }
        return ExitCodes.OK;
    }
}
