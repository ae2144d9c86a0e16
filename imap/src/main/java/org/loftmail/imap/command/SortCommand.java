package org.loftmail.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.search.SearchKey;
import org.loftmail.core.storage.sort.MessageSorter;
import org.loftmail.core.storage.sort.SortKey;
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
 * SORT and UID SORT (RFC 5256 section 3) with DISPLAYFROM/DISPLAYTO (RFC 5957) and ESORT's result options (RFC 5267
 * section 3: MIN, MAX, ALL and COUNT in sort order, answered as ESEARCH). The keys come from the index records and
 * the parsed-message cache ({@link SelectedMailbox#headers}), so a warm mailbox is sorted without opening a message.
 */
public final class SortCommand implements ImapCommand {

    private final boolean uid;

    public SortCommand(boolean uid) {
        this.uid = uid;
    }

    /** {@code "(" ["REVERSE" SP] key *(SP ["REVERSE" SP] key) ")"}, Dovecot's error texts. */
    static List<MessageSorter.Criterion> criteria(ArgumentReader a) {
        a.expect('(');
        List<MessageSorter.Criterion> out = new ArrayList<>();
        while (!a.skip(')')) {
            if (!out.isEmpty()) a.sp();
            String word = a.atom().toUpperCase(Locale.ROOT);
            boolean reverse = word.equals("REVERSE");
            if (reverse) {
                a.sp();
                word = a.atom().toUpperCase(Locale.ROOT);
            }
            SortKey key;
            try {
                key = SortKey.valueOf(word);
            } catch (IllegalArgumentException e) {
                throw new ImapSyntaxException("Unknown sort argument: " + word);
            }
            out.add(new MessageSorter.Criterion(key, reverse));
        }
        if (out.isEmpty()) throw new ImapSyntaxException("Empty sort program");
        return out;
    }

    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) throws Exception {
        SelectedState s = ctx.selected();
        SelectedMailbox view = s.view();
        Optional<SearchReturn> asked = SearchReturn.parseIfPresent(args);
        List<MessageSorter.Criterion> criteria = criteria(args);
        args.sp();
        SearchKey key = SearchParser.parseWithCharset(args, MessageSets.resolver(s));
        UidSet found = view.existing(view.search(key));
        MessageSorter sorter = new MessageSorter(criteria);
        view.headers(found, sorter.fields(), sorter::add);
        long[] sorted = sorter.sorted();
        long[] numbers = uid ? sorted : sequenceNumbers(view, sorted);
        if (asked.isPresent()) {
            if (asked.get().has(Option.SAVE)) s.saveSearch(found);
            if (!asked.get().saveOnly()) esort(ctx.out(), tag, uid, asked.get(), numbers);
        } else {
            ResponseWriter.Line l = ctx.out().untagged().atom("SORT");
            for (long n : numbers) l.sp().number(n);
            l.end();
        }
        return Completion.ok("Sort completed.");
    }

    private static long[] sequenceNumbers(SelectedMailbox view, long[] uids) {
        long[] out = new long[uids.length];
        for (int i = 0; i < uids.length; i++) out[i] = view.seq(uids[i]);
        return out;
    }

    /** {@code * ESEARCH (TAG "t") [UID] [MIN n] [MAX n] [ALL set] [COUNT n]}, MIN and MAX in sort order. */
    private static void esort(ResponseWriter out, String tag, boolean uid, SearchReturn ret, long[] numbers) {
        ResponseWriter.Line l = out.untagged().atom("ESEARCH").sp().open().atom("TAG").sp().string(tag).close();
        if (uid) l.sp().atom("UID");
        if (numbers.length > 0) {
            if (ret.has(Option.MIN)) l.sp().atom("MIN").sp().number(numbers[0]);
            if (ret.has(Option.MAX)) l.sp().atom("MAX").sp().number(numbers[numbers.length - 1]);
            if (ret.has(Option.ALL)) {
                l.sp().atom("ALL").sp();
                // runs of consecutive ascending numbers as n:m, the order otherwise kept (RFC 5267 section 3.2)
                for (int i = 0; i < numbers.length; ) {
                    int j = i;
                    while (j + 1 < numbers.length && numbers[j + 1] == numbers[j] + 1) j++;
                    if (i > 0) l.token(",");
                    l.number(numbers[i]);
                    if (j > i) l.token(":").number(numbers[j]);
                    i = j + 1;
                }
            }
        }
        if (ret.has(Option.COUNT)) l.sp().atom("COUNT").sp().number(numbers.length);
        l.end();
    }
}
