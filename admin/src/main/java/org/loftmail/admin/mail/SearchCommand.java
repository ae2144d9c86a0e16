package org.loftmail.admin.mail;

import java.util.ArrayList;
import java.util.List;
import org.loftmail.admin.ExitCodes;
import org.loftmail.admin.mail.search.MessageSearch;
import org.loftmail.admin.print.Header;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code search -u USER QUERY}: the mailbox GUID and UID of every matching message, as doveadm prints them. */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Find messages (doveadm search).",
        footer = {"", "Example:  adm search -u jsmith mailbox INBOX seen before 30d"})
public final class SearchCommand extends QueryCommand {

    @Parameters(paramLabel = "QUERY", arity = "1..*")
    List<String> args = new ArrayList<>();

    @Override
    protected List<String> queryArgs() {
        return args;
    }

    @Override
    protected List<Header> headers() {
        return List.of(Header.hidden("mailbox-guid"), Header.hidden("uid"));
    }

    @Override
    protected int run(MailContext ctx) throws Exception {
        MessageSearch.run(ctx, query, true, m -> m.uids().stream().forEach(uid ->
                ctx.row().value(m.mailboxGuid()).value(Long.toString(uid))));
        return ExitCodes.OK;
    }
}
