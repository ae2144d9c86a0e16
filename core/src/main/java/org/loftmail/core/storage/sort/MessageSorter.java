package org.loftmail.core.storage.sort;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.loftmail.core.mime.MimeHeader;
import org.loftmail.core.storage.MessageRecord;

/**
 * SORT's ordering (RFC 5256 section 3): messages compared key by key, each possibly reversed, ties in UID order
 * (which is sequence order). Only the keys' values are kept per message, so sorting a large mailbox holds a few
 * short strings or numbers per message, not headers.
 */
public final class MessageSorter {

    /** One sort criterion: a key, reversed or not. */
    public record Criterion(SortKey key, boolean reverse) {}

    private final List<Criterion> criteria;
    private final List<Entry> entries = new ArrayList<>();

    private record Entry(long uid, Comparable<?>[] values) {}

    public MessageSorter(List<Criterion> criteria) {
        if (criteria.isEmpty()) throw new IllegalArgumentException("no sort criteria");
        this.criteria = List.copyOf(criteria);
    }

    /** The header fields the criteria read (empty: the index records are enough). */
    public Set<String> fields() {
        Set<String> f = new LinkedHashSet<>();
        for (Criterion c : criteria) c.key().field().ifPresent(f::add);
        return f;
    }

    /** Adds a message; {@code header} holds at least {@link #fields()}. */
    public void add(MessageRecord r, MimeHeader header) {
        Comparable<?>[] values = new Comparable<?>[criteria.size()];
        for (int i = 0; i < values.length; i++) values[i] = criteria.get(i).key().value(r, header);
        entries.add(new Entry(r.uid(), values));
    }

    /** The UIDs in sort order. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public long[] sorted() {
        Comparator<Entry> cmp = (a, b) -> {
            for (int i = 0; i < criteria.size(); i++) {
                int c = ((Comparable) a.values[i]).compareTo(b.values[i]);
                if (c != 0) return criteria.get(i).reverse() ? -c : c;
            }
            return Long.compare(a.uid, b.uid);
        };
        entries.sort(cmp);
        long[] out = new long[entries.size()];
        for (int i = 0; i < out.length; i++) out[i] = entries.get(i).uid();
        return out;
    }
}
