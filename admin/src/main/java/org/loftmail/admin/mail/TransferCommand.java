package org.loftmail.admin.mail;

import java.util.ArrayList;
import java.util.List;
import org.loftmail.admin.ExitCodes;
import org.loftmail.admin.mail.search.MessageSearch;
import org.loftmail.admin.print.Header;
import org.loftmail.core.storage.Mailbox;
import picocli.CommandLine.Parameters;

/** {@code move} and {@code copy}: the matching messages into DESTINATION (flags and INTERNALDATE kept). */
abstract class TransferCommand extends QueryCommand {

    @Parameters(index = "0", paramLabel = "DESTINATION")
    String destination;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "QUERY")
    List<String> args = new ArrayList<>();

    abstract boolean move();

    @Override
    protected List<String> queryArgs() {
        return args;
    }

    @Override
    protected String moreProblems() {
        if (!args.isEmpty() && args.get(0).equalsIgnoreCase("user")) {
            return "'user SOURCE_USER' (another user's mail) is not supported by Loft yet";
        }
        return null;
    }

    @Override
    protected List<Header> headers() {
        return List.of();
    }

    @Override
    protected int run(MailContext ctx) throws Exception {
        var targetName = ctx.parse(destination);
        Mailbox target;
        try {
            target = ctx.storage().mailbox(targetName);
        } catch (Exception e) {
            ctx.error("Can't open mailbox '" + destination + "': " + e.getMessage());
            return exitCode(e);
        }
        MessageSearch.run(ctx, query, !move(), m -> {
            if (m.uids().isEmpty() || m.name().equals(targetName)) {
                return;
            }
            if (move()) {
                m.view().move(m.uids(), target);
            } else {
                m.view().copy(m.uids(), target);
            }
        });
        return ExitCodes.OK;
    }
}
