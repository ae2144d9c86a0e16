package org.loftmail.imap.command;

import java.util.Optional;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.search.SearchKey;
import org.loftmail.imap.Completion;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.SelectedState;
import org.loftmail.imap.codec.ArgumentReader;
import org.loftmail.imap.codec.ImapSyntaxException;
import org.loftmail.imap.codec.ResponseWriter;
import org.loftmail.imap.codec.SearchParser;
import org.loftmail.imap.codec.SearchReturn;
import org.loftmail.imap.codec.SearchReturn.Option;

/**
 * SEARCH and UID SEARCH (RFC 3501 sections 6.4.4, 6.4.8; RFC 9051 section 6.4.4) with result options (RFC 4731
 * ESEARCH) and the saved result {@code $} (RFC 5182 SEARCHRES): any charset the JVM knows (UTF-8 and US-ASCII
 * always), all RFC 3501 keys; evaluation is the storage's (shared in core). After ENABLE IMAP4rev2 a SEARCH without
 * RETURN is answered as RETURN (ALL), since rev2 has no untagged SEARCH response.
 *
 * <p>Loft never refuses to save a result (it is a set of UID ranges), so it never answers NOTSAVED (RFC 5182
 * section 2.5).
 */
public final class SearchCommand implements ImapCommand {

    private final boolean uid;

    public SearchCommand(boolean uid) {
        this.uid = uid;
    }

    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) throws Exception {
        SelectedState s = ctx.selected();
        SelectedMailbox view = s.view();
        Optional<SearchReturn> asked = SearchReturn.parseIfPresent(args);
        boolean save = asked.isPresent() && asked.get().has(Option.SAVE);
        UidSet found;
        boolean modSeqKey;
        try {
            // a $ in this program means the result saved before this command (RFC 5182 section 2.1)
            SearchKey key = SearchParser.parse(args, MessageSets.resolver(s));
            modSeqKey = hasModSeq(key);
            if (modSeqKey) ctx.enableCondstore(); // RFC 7162 3.1: SEARCH MODSEQ switches CONDSTORE on
            found = visible(view, view.search(key));
        } catch (ImapSyntaxException bad) {
            throw bad; // RFC 5182 section 2.1: a SEARCH answered BAD leaves $ as it was
        } catch (Exception failed) {
            if (save) s.saveSearch(UidSet.EMPTY); // ... one with SAVE answered NO empties it
            throw failed;
        }
        if (save) s.saveSearch(saved(asked.get(), found));

        if (asked.isPresent()) {
            if (!asked.get().saveOnly()) {
                // MIN and MAX alone report on those two messages only (RFC 7162 3.1.5)
                long modSeq = modSeqKey ? highestModSeq(view, saved(asked.get(), found)) : 0;
                EsearchResponse.write(ctx.out(), tag, uid, asked.get(), numbers(view, found), modSeq);
            }
        } else if (ctx.imap4rev2()) {
            EsearchResponse.write(ctx.out(), tag, uid, SearchReturn.ALL, numbers(view, found),
                    modSeqKey ? highestModSeq(view, found) : 0);
        } else {
            ResponseWriter.Line l = ctx.out().untagged().atom("SEARCH");
            numbers(view, found).stream().forEach(n -> l.sp().number(n));
            // RFC 7162 3.1.5: the highest MODSEQ of the matches, when there are any
            if (modSeqKey && !found.isEmpty()) l.sp().open().atom("MODSEQ").sp().number(highestModSeq(view, found)).close();
            l.end();
        }
        return Completion.ok("Search completed.");
    }

    /** The matches in the view (it keeps a message another session expunged until the expunge is reported). */
    private static UidSet visible(SelectedMailbox view, UidSet found) {
        return view.existing(found);
    }

    /** What {@code $} becomes: every match, or only the MIN/MAX ones when just those were asked for (RFC 5182 2.4). */
    private static UidSet saved(SearchReturn ret, UidSet found) {
        if (found.isEmpty() || !ret.savesOnlyMinMax()) return found;
        UidSet.Builder b = new UidSet.Builder();
        if (ret.has(Option.MIN)) b.add(found.first()); // UIDs grow with sequence numbers: lowest UID is MIN either way
        if (ret.has(Option.MAX)) b.add(found.last());
        return b.build();
    }

    /** The numbers the client is answered with: UIDs, or their sequence numbers. */
    private UidSet numbers(SelectedMailbox view, UidSet found) {
        if (uid) return found;
        UidSet.Builder b = new UidSet.Builder();
        found.stream().forEach(u -> {
            int seq = view.seq(u);
            if (seq > 0) b.add(seq);
        });
        return b.build();
    }

    /** The highest MODSEQ among {@code uids} in the view, 0 for none. */
    private static long highestModSeq(SelectedMailbox view, UidSet uids) {
        long max = 0;
        for (var it = uids.stream().iterator(); it.hasNext(); ) {
            int seq = view.seq(it.nextLong());
            if (seq > 0) max = Math.max(max, view.record(seq).modSeq());
        }
        return max;
    }

    /** True when the program has a MODSEQ key anywhere. */
    static boolean hasModSeq(SearchKey key) {
        return switch (key) {
            case SearchKey.ModSeqAtLeast m -> true;
            case SearchKey.And and -> and.keys().stream().anyMatch(SearchCommand::hasModSeq);
            case SearchKey.Or or -> hasModSeq(or.left()) || hasModSeq(or.right());
            case SearchKey.Not not -> hasModSeq(not.key());
            default -> false;
        };
    }
}
