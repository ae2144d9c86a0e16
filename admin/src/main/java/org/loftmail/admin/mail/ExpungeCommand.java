package org.loftmail.admin.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.loftmail.admin.ExitCodes;
import org.loftmail.admin.mail.search.MessageSearch;
import org.loftmail.admin.print.Header;
import org.loftmail.core.mail.FlagChange;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.SystemFlag;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code expunge [-m] -u USER QUERY}: removes the matching messages (marked \Deleted and expunged, only those);
 * {@code -m} also deletes a mailbox the expunge left empty. Sessions that have the mailbox selected hear it.
 */
@Command(name = "expunge", mixinStandardHelpOptions = true, description = "Expunge messages (doveadm expunge).",
        footer = {"", "Example:  adm expunge -u jsmith mailbox Trash savedbefore 30d"})
public final class ExpungeCommand extends QueryCommand {

    @Option(names = "-m", description = "Delete mailboxes left empty.")
    boolean deleteEmpty;

    @Parameters(paramLabel = "QUERY", arity = "1..*")
    List<String> args = new ArrayList<>();

    @Override
    protected List<String> queryArgs() {
        return args;
    }

    @Override
    protected List<Header> headers() {
        return List.of();
    }

    @Override
    protected int run(MailContext ctx) throws Exception {
        List<org.loftmail.core.mail.MailboxName> emptied = new ArrayList<>();
        MessageSearch.run(ctx, query, false, m -> {
            if (!m.uids().isEmpty()) {
                m.view().store(m.uids(), FlagChange.ADD, Flags.of(SystemFlag.DELETED), OptionalLong.empty());
                m.view().expunge(Optional.of(m.uids()));
            }
            if (deleteEmpty && !m.name().isInbox() && m.mailbox().status().messages() == 0) {
                emptied.add(m.name());
            }
        });
        for (var name : emptied) {
            ctx.storage().delete(name);
        }
        return ExitCodes.OK;
    }
}
