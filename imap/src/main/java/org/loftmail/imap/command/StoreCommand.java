package org.loftmail.imap.command;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.loftmail.core.mail.FlagChange;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.FlagUpdate;
import org.loftmail.core.storage.MessageRecord;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.StoreResult;
import org.loftmail.imap.Completion;
import org.loftmail.imap.FlagNames;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.SelectedState;
import org.loftmail.imap.codec.ArgumentReader;
import org.loftmail.imap.codec.ImapSyntaxException;
import org.loftmail.imap.codec.ResponseWriter;
import org.loftmail.imap.codec.SequenceSet;

/**
 * STORE and UID STORE (RFC 3501 sections 6.4.6, 6.4.8): FLAGS, +FLAGS, -FLAGS, each optionally .SILENT. Every
 * message named gets a FETCH FLAGS answer unless silent (UID STORE adds the UID), as Dovecot does. With the
 * UNCHANGEDSINCE modifier (RFC 7162 3.1.3) messages changed since that MODSEQ are left alone and named in
 * {@code OK [MODIFIED set] Conditional store failed.}; once CONDSTORE is on each FETCH carries MODSEQ, and a
 * .SILENT STORE still reports the new MODSEQs ({@code FETCH (MODSEQ (n))}), as Dovecot does.
 */
public final class StoreCommand implements ImapCommand {

    private final boolean uid;

    public StoreCommand(boolean uid) {
        this.uid = uid;
    }

    record Args(SequenceSet set, OptionalLong unchangedSince, FlagChange change, boolean silent, Flags flags) {}

    static Args parse(ArgumentReader a) {
        SequenceSet set = a.sequenceSet();
        a.sp();
        OptionalLong unchangedSince = OptionalLong.empty();
        if (a.skip('(')) {
            boolean first = true;
            while (!a.skip(')')) {
                if (!first) a.sp();
                first = false;
                String name = a.atom().toUpperCase(Locale.ROOT);
                if (!name.equals("UNCHANGEDSINCE")) throw new ImapSyntaxException("Unknown STORE modifier");
                try {
                    a.sp();
                    unchangedSince = OptionalLong.of(a.number());
                } catch (ImapSyntaxException e) {
                    throw new ImapSyntaxException("Invalid modseq");
                }
            }
            a.sp();
        }
        String item = a.readWhile(c -> c == '+' || c == '-' || c == '.' || Character.isLetter(c)).toUpperCase(Locale.ROOT);
        FlagChange change = switch (item.startsWith("+") || item.startsWith("-") ? item.substring(1) : item) {
            case "FLAGS", "FLAGS.SILENT" -> item.startsWith("+") ? FlagChange.ADD : item.startsWith("-") ? FlagChange.REMOVE : FlagChange.REPLACE;
            default -> throw new ImapSyntaxException("Invalid arguments.");
        };
        boolean silent = item.endsWith(".SILENT");
        a.sp();
        Flags flags = FlagNames.parse(a.flagsOrFlag());
        a.end();
        return new Args(set, unchangedSince, change, silent, flags);
    }

    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) throws Exception {
        Args a = parse(args);
        if (a.unchangedSince().isPresent()) ctx.enableCondstore(); // RFC 7162 3.1: a CONDSTORE-enabling command
        SelectedState s = ctx.selected();
        SelectedMailbox view = s.view();
        UidSet uids = MessageSets.uids(s, a.set(), uid);
        if (view.readOnly()) { // Dovecot's answers: a plain STORE is ignored, a conditional one fails
            return a.unchangedSince().isPresent() ? Completion.no("CONDSTORE failed: Mailbox is read-only.")
                    : Completion.ok("Store ignored with read-only mailbox.");
        }
        StoreResult result = uids.isEmpty()
                ? new StoreResult(java.util.List.of(), UidSet.EMPTY)
                : view.store(uids, a.change(), a.flags(), a.unchangedSince());
        boolean condstore = ctx.condstore();
        Map<Long, FlagUpdate> updated = new HashMap<>();
        for (FlagUpdate f : result.updated()) updated.put(f.uid(), f);
        uids.stream().forEach(u -> {
            int seq = view.seq(u);
            if (seq == 0 || result.modified().contains(u)) return;
            if (a.silent() && !(condstore && updated.containsKey(u))) return;
            MessageRecord r = view.record(seq);
            ResponseWriter.Line l = ctx.out().untagged().number(seq).sp().atom("FETCH").sp().open();
            if (uid || ctx.qresync()) l.atom("UID").sp().number(u).sp(); // QRESYNC: every FETCH names the UID
            if (condstore) {
                l.atom("MODSEQ").sp().open().number(r.modSeq()).close();
                s.fetchedModSeq(r.modSeq());
                if (!a.silent()) l.sp();
            }
            if (!a.silent()) l.atom("FLAGS").sp().atoms(FlagNames.of(r.flags(), view.isRecent(u) && !ctx.imap4rev2()));
            l.close().end();
        });
        if (!result.modified().isEmpty()) {
            return Completion.ok("MODIFIED " + modifiedSet(view, result.modified()), "Conditional store failed.");
        }
        return Completion.ok("Store completed.");
    }

    /** The [MODIFIED] set: UIDs for UID STORE, sequence numbers for STORE (RFC 7162 3.1.3). */
    private String modifiedSet(SelectedMailbox view, UidSet modified) {
        if (uid) return modified.toString();
        UidSet.Builder b = new UidSet.Builder();
        modified.stream().forEach(u -> {
            int seq = view.seq(u);
            if (seq > 0) b.add(seq);
        });
        return b.build().toString();
    }
}
