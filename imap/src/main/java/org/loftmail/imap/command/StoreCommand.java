package org.loftmail.imap.command;

import java.util.Locale;
import java.util.OptionalLong;
import org.loftmail.core.mail.FlagChange;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.imap.Completion;
import org.loftmail.imap.FlagNames;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.codec.ArgumentReader;
import org.loftmail.imap.codec.ImapSyntaxException;
import org.loftmail.imap.codec.SequenceSet;

/**
 * STORE and UID STORE (RFC 3501 sections 6.4.6, 6.4.8): FLAGS, +FLAGS, -FLAGS, each optionally .SILENT. Every
 * message named gets a FETCH FLAGS answer unless silent (UID STORE adds the UID), as Dovecot does.
 */
public final class StoreCommand implements ImapCommand {

    private final boolean uid;

    public StoreCommand(boolean uid) {
        this.uid = uid;
    }

    record Args(SequenceSet set, FlagChange change, boolean silent, Flags flags) {}

    static Args parse(ArgumentReader a) {
        SequenceSet set = a.sequenceSet();
        a.sp();
        String item = a.readWhile(c -> c == '+' || c == '-' || c == '.' || Character.isLetter(c)).toUpperCase(Locale.ROOT);
        FlagChange change = switch (item.startsWith("+") || item.startsWith("-") ? item.substring(1) : item) {
            case "FLAGS", "FLAGS.SILENT" -> item.startsWith("+") ? FlagChange.ADD : item.startsWith("-") ? FlagChange.REMOVE : FlagChange.REPLACE;
            default -> throw new ImapSyntaxException("Invalid arguments.");
        };
        boolean silent = item.endsWith(".SILENT");
        a.sp();
        Flags flags = FlagNames.parse(a.flagsOrFlag());
        a.end();
        return new Args(set, change, silent, flags);
    }

    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) throws Exception {
        Args a = parse(args);
        SelectedMailbox view = ctx.selected().view();
        UidSet uids = MessageSets.uids(ctx.selected(), a.set(), uid);
        if (view.readOnly()) {
            return Completion.no("Mailbox is read-only.");
        }
        if (!uids.isEmpty()) {
            view.store(uids, a.change(), a.flags(), OptionalLong.empty());
        }
        if (!a.silent()) {
            uids.stream().forEach(u -> {
                int seq = view.seq(u);
                if (seq == 0) return;
                var l = ctx.out().untagged().number(seq).sp().atom("FETCH").sp().open();
                if (uid) l.atom("UID").sp().number(u).sp();
                l.atom("FLAGS").sp().atoms(FlagNames.of(view.record(seq).flags(), view.isRecent(u) && !ctx.imap4rev2())).close().end();
            });
        }
        return Completion.ok("Store completed.");
    }
}
