package org.loftmail.imap.command;

import org.loftmail.core.mail.UidSet;
import org.loftmail.imap.codec.ResponseWriter;
import org.loftmail.imap.codec.SearchReturn;
import org.loftmail.imap.codec.SearchReturn.Option;

/**
 * The untagged ESEARCH response (RFC 4731 section 3.2, RFC 9051 section 7.3.4) in Dovecot's shape and order:
 * {@code * ESEARCH (TAG "a1") [UID] [MIN n] [MAX n] [ALL set] [COUNT n]}. With no match MIN, MAX and ALL are left
 * out (RFC 4731 section 3.1) while COUNT is 0.
 */
final class EsearchResponse {

    private EsearchResponse() {}

    /**
     * Writes the response for {@code found}: sequence numbers, or UIDs when {@code uid}. ALL is the compact
     * sequence set ({@code 1:3,7}).
     */
    static void write(ResponseWriter out, String tag, boolean uid, SearchReturn ret, UidSet found) {
        write(out, tag, uid, ret, found, 0);
    }

    /** As above, with {@code MODSEQ n} last when the search had a MODSEQ key (RFC 7162 3.1.5; 0: none). */
    static void write(ResponseWriter out, String tag, boolean uid, SearchReturn ret, UidSet found, long modSeq) {
        ResponseWriter.Line l = out.untagged().atom("ESEARCH").sp().open().atom("TAG").sp().string(tag).close();
        if (uid) l.sp().atom("UID");
        if (!found.isEmpty()) {
            if (ret.has(Option.MIN)) l.sp().atom("MIN").sp().number(found.first());
            if (ret.has(Option.MAX)) l.sp().atom("MAX").sp().number(found.last());
            if (ret.has(Option.ALL)) {
                l.sp().atom("ALL").sp();
                sequenceSet(l, found);
            }
        }
        if (ret.has(Option.COUNT)) l.sp().atom("COUNT").sp().number(found.size());
        if (modSeq > 0) l.sp().atom("MODSEQ").sp().number(modSeq);
        l.end();
    }

    /** Range by range, so a large result never becomes one big String. */
    private static void sequenceSet(ResponseWriter.Line l, UidSet set) {
        boolean first = true;
        for (long[] r : set.ranges()) {
            if (!first) l.token(",");
            first = false;
            l.number(r[0]);
            if (r[1] != r[0]) l.token(":").number(r[1]);
        }
    }
}
