package org.loftmail.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.search.SearchKey;
import org.loftmail.core.storage.thread.ThreadMessage;
import org.loftmail.core.storage.thread.ThreadNode;
import org.loftmail.core.storage.thread.Threader;
import org.loftmail.imap.Completion;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.SelectedState;
import org.loftmail.imap.codec.ArgumentReader;
import org.loftmail.imap.codec.ImapSyntaxException;
import org.loftmail.imap.codec.ResponseWriter;
import org.loftmail.imap.codec.SearchParser;

/**
 * THREAD and UID THREAD (RFC 5256 section 4) with ORDEREDSUBJECT and REFERENCES, threads computed by core's
 * {@link Threader} from the index records and cached header fields. A chain of single replies is written flat
 * ({@code (1 2 3)}), siblings as nested lists ({@code (1 (2)(3))}), a missing parent as an empty one
 * ({@code ((2)(3))}).
 */
public final class ThreadCommand implements ImapCommand {

    private final boolean uid;

    public ThreadCommand(boolean uid) {
        this.uid = uid;
    }

    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) throws Exception {
        SelectedState s = ctx.selected();
        SelectedMailbox view = s.view();
        String algorithm = args.atom().toUpperCase(Locale.ROOT);
        if (!algorithm.equals("ORDEREDSUBJECT") && !algorithm.equals("REFERENCES")) {
            throw new ImapSyntaxException("Unknown thread algorithm");
        }
        args.sp();
        SearchKey key = SearchParser.parseWithCharset(args, MessageSets.resolver(s));
        UidSet found = view.existing(view.search(key));
        List<ThreadMessage> messages = new ArrayList<>();
        view.headers(found, ThreadMessage.FIELDS, (r, h) -> messages.add(ThreadMessage.of(r, h)));
        List<ThreadNode> threads = algorithm.equals("REFERENCES") ? Threader.references(messages) : Threader.orderedSubject(messages);
        ResponseWriter.Line l = ctx.out().untagged().atom("THREAD");
        if (!threads.isEmpty()) l.sp();
        for (ThreadNode t : threads) {
            l.open();
            members(l, view, t);
            l.close();
        }
        l.end();
        return Completion.ok("Thread completed.");
    }

    /** A node's number and what follows it: one child continues the chain, several are nested lists. */
    private void members(ResponseWriter.Line l, SelectedMailbox view, ThreadNode n) {
        // iterative along single-child chains, so a long reply chain needs no deep recursion
        ThreadNode cur = n;
        boolean first = true;
        while (true) {
            if (cur.uid() > 0) {
                if (!first) l.sp();
                l.number(uid ? cur.uid() : view.seq(cur.uid()));
                first = false;
            }
            if (cur.children().size() == 1 && cur.uid() > 0) {
                cur = cur.children().get(0);
                continue;
            }
            if (!cur.children().isEmpty()) {
                if (!first) l.sp();
                for (ThreadNode child : cur.children()) {
                    l.open();
                    members(l, view, child);
                    l.close();
                }
            }
            return;
        }
    }
}
