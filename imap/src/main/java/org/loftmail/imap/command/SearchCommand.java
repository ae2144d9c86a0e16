package org.loftmail.imap.command;

import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.search.SearchKey;
import org.loftmail.imap.Completion;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.SelectedState;
import org.loftmail.imap.codec.ArgumentReader;
import org.loftmail.imap.codec.ResponseWriter;
import org.loftmail.imap.codec.SearchParser;

/**
 * SEARCH and UID SEARCH (RFC 3501 sections 6.4.4, 6.4.8): any charset the JVM knows (UTF-8 and US-ASCII always),
 * all RFC 3501 keys; evaluation is the storage's (shared in core).
 */
public final class SearchCommand implements ImapCommand {

    private final boolean uid;

    public SearchCommand(boolean uid) {
        this.uid = uid;
    }

    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) throws Exception {
        SelectedState s = ctx.selected();
        SearchKey key = SearchParser.parse(args, MessageSets.resolver(s));
        SelectedMailbox view = s.view();
        UidSet found = view.search(key);
        ResponseWriter.Line l = ctx.out().untagged().atom("SEARCH");
        if (uid) {
            found.stream().forEach(u -> l.sp().number(u));
        } else {
            found.stream().mapToInt(view::seq).filter(n -> n > 0).sorted().forEach(n -> l.sp().number(n));
        }
        l.end();
        return Completion.ok("Search completed.");
    }
}
