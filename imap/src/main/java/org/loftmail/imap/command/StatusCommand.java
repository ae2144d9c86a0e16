package org.loftmail.imap.command;

import java.util.ArrayList;
import java.util.List;
import org.loftmail.core.storage.MailboxStatus;
import org.loftmail.imap.Completion;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.codec.ArgumentReader;
import org.loftmail.imap.codec.ImapSyntaxException;
import org.loftmail.imap.codec.ResponseWriter;

/**
 * STATUS (RFC 3501 section 6.3.10; SIZE from RFC 8438, advertised as STATUS=SIZE as Dovecot does; DELETED, the
 * number of messages with \Deleted, from RFC 9051 section 6.3.11, answered in IMAP4rev1 sessions too;
 * HIGHESTMODSEQ from RFC 7162 section 3.1.6, which switches CONDSTORE on).
 */
public final class StatusCommand implements ImapCommand {

    static final List<String> ITEMS = List.of("MESSAGES", "RECENT", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "SIZE", "DELETED",
            "HIGHESTMODSEQ");

    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) throws Exception {
        String wire = args.astring();
        args.sp();
        List<String> items = items(args);
        args.end();
        if (items.contains("HIGHESTMODSEQ")) ctx.enableCondstore(); // RFC 7162 3.1: a CONDSTORE-enabling command
        ImapContext.ResolvedName name = ctx.mailboxName(wire);
        MailboxStatus status = ctx.storage().mailbox(name.name()).status();
        write(ctx, ImapContext.clientName(name.namespace(), name.name()), items, status);
        if (ctx.hasSelected() && ctx.selected().view().mailbox().name().equals(name.name())) {
            return Completion.ok("CLIENTBUG", "Status on selected mailbox completed."); // Dovecot's hint
        }
        return Completion.ok("Status completed.");
    }

    /** {@code (item item …)}. */
    static List<String> items(ArgumentReader args) {
        args.expect('(');
        List<String> items = new ArrayList<>();
        while (!args.skip(')')) {
            if (!items.isEmpty()) args.sp();
            String item = args.keyword();
            if (!ITEMS.contains(item)) throw new ImapSyntaxException("Invalid status item " + item);
            items.add(item);
        }
        if (items.isEmpty()) throw new ImapSyntaxException("Empty status list");
        return items;
    }

    static void write(ImapContext ctx, String clientName, List<String> items, MailboxStatus s) {
        ResponseWriter.Line l = ctx.out().untagged().atom("STATUS").sp().mailbox(clientName).sp().open();
        boolean first = true;
        for (String item : items) {
            if (!first) l.sp();
            first = false;
            long value = switch (item) {
                case "MESSAGES" -> s.messages();
                case "RECENT" -> s.recent();
                case "UIDNEXT" -> s.uidNext();
                case "UIDVALIDITY" -> s.uidValidity();
                case "UNSEEN" -> s.unseen();
                case "SIZE" -> s.size();
                case "DELETED" -> s.deleted();
                case "HIGHESTMODSEQ" -> s.highestModSeq();
                default -> throw new IllegalStateException(item);
            };
            l.atom(item).sp().number(value);
        }
        l.close().end();
    }
}
