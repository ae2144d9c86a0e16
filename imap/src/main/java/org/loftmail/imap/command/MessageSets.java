package org.loftmail.imap.command;

import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.imap.SelectedState;
import org.loftmail.imap.codec.ImapSyntaxException;
import org.loftmail.imap.codec.SequenceResolver;
import org.loftmail.imap.codec.SequenceSet;

/** Resolves sequence sets against the selected mailbox, as Dovecot does. */
final class MessageSets {

    private MessageSets() {}

    /**
     * The UIDs a FETCH/STORE/COPY/MOVE set names. Sequence numbers beyond the mailbox are BAD "Invalid messageset"
     * (RFC 9051 6.4.5 lets servers refuse them; Dovecot does); UIDs that do not exist are simply left out.
     */
    static UidSet uids(SelectedState s, SequenceSet set, boolean uidMode) {
        SelectedMailbox view = s.view();
        if (set.savedResult()) return view.existing(s.savedSearch());
        int count = view.count();
        if (uidMode) {
            long star = count == 0 ? 0 : view.uid(count);
            if (count == 0) return UidSet.EMPTY;
            return view.existing(set.resolve(star));
        }
        if (count == 0 || set.largestNumber() > count) throw new ImapSyntaxException("Invalid messageset");
        return view.uidsAt(set.resolve(count));
    }

    /** The resolver SEARCH uses: out-of-range numbers just match nothing there. */
    static SequenceResolver resolver(SelectedState s) {
        SelectedMailbox view = s.view();
        return new SequenceResolver() {
            @Override
            public UidSet sequenceNumbers(SequenceSet set) {
                if (set.savedResult()) {
                    UidSet.Builder b = new UidSet.Builder();
                    s.savedSearch().stream().forEach(uid -> {
                        int seq = view.seq(uid);
                        if (seq > 0) b.add(seq);
                    });
                    return b.build();
                }
                return set.resolve(view.count());
            }

            @Override
            public UidSet uids(SequenceSet set) {
                if (set.savedResult()) return s.savedSearch();
                int count = view.count();
                return set.resolve(count == 0 ? 0 : view.uid(count));
            }
        };
    }
}
