package org.loftmail.admin.mail;

import java.util.ArrayList;
import java.util.List;
import org.loftmail.admin.ExitCodes;
import org.loftmail.admin.mail.search.MessageSearch;
import org.loftmail.admin.print.Header;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code fetch -u USER 'FIELDS' QUERY}: the fields of every matching message, in the order asked, in doveadm's pager
 * format (one {@code field: value} per line, a form feed line between messages).
 */
@Command(name = "fetch", mixinStandardHelpOptions = true, description = "Print fields of messages (doveadm fetch).",
        footer = {"", "Fields: uid seq flags guid mailbox mailbox-guid size.physical size.virtual date.received",
            "        date.sent hdr body text hdr.NAME pop3.uidl imap.envelope imap.bodystructure imap.body",
            "Example:  adm fetch -u jsmith 'uid flags hdr.subject' mailbox INBOX unseen"})
public final class FetchCommand extends QueryCommand {

    @Parameters(index = "0", paramLabel = "FIELDS")
    String fields;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "QUERY")
    List<String> args = new ArrayList<>();

    private List<String> fieldList() {
        return List.of(fields.strip().split("\\s+"));
    }

    @Override
    protected List<String> queryArgs() {
        return args;
    }

    @Override
    protected String moreFatalProblems() {
        for (String f : fieldList()) {
            String p = FetchField.problem(f);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    @Override
    protected String defaultFormat() {
        return "pager";
    }

    @Override
    protected List<Header> headers() {
        return fieldList().stream().map(Header::of).toList();
    }

    @Override
    protected int run(MailContext ctx) throws Exception {
        MessageSearch.run(ctx, query, true, m -> {
            for (long uid : m.uids().stream().toArray()) {
                var row = ctx.row();
                for (String f : fieldList()) {
                    row.value(FetchField.value(f, m, uid));
                }
            }
        });
        return ExitCodes.OK;
    }
}
