package org.loftmail.admin.mail;

import java.util.List;
import org.loftmail.admin.ExitCodes;
import org.loftmail.admin.mail.search.MessageSearch;
import org.loftmail.admin.mail.search.SearchQuery;
import org.loftmail.admin.print.Header;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code index -u USER MAILBOX_MASK}: brings the index of the matching mailboxes up to date with the disk and parses
 * every message not parsed yet (ENVELOPE, BODYSTRUCTURE and the searched headers), so later clients find it cached.
 */
@Command(name = "index", mixinStandardHelpOptions = true, description = "Index mailboxes (doveadm index).",
        footer = {"", "Example:  adm index -u jsmith '*'"})
public final class IndexCommand extends MailCommand {

    @Parameters(index = "0", paramLabel = "MAILBOX_MASK")
    String mask;

    @Override
    protected List<Header> headers() {
        return List.of();
    }

    @Override
    protected int run(MailContext ctx) throws Exception {
        SearchQuery all = SearchQuery.parse(List.of("mailbox", mask, "all"));
        MessageSearch.run(ctx, all, true, m -> {
            for (long uid : m.uids().stream().toArray()) {
                m.view().structure(uid);
            }
        });
        return ExitCodes.OK;
    }
}
