package org.loftmail.imap.command;

import java.util.ArrayList;
import java.util.List;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.Mailbox;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.imap.Completion;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.SelectedState;
import org.loftmail.imap.codec.ArgumentReader;
import org.loftmail.imap.codec.ImapSyntaxException;
import org.loftmail.imap.codec.ResponseWriter;

/**
 * SELECT and EXAMINE (RFC 3501 sections 6.3.1, 6.3.2), with Dovecot's order of untagged responses and texts. A
 * failed SELECT leaves no mailbox selected. Replacing a selected mailbox always sends {@code OK [CLOSED]}, as
 * Dovecot does and RFC 9051 6.3.2 requires. Under IMAP4rev2 (RFC 9051 6.3.2) RECENT and [UNSEEN] are left out
 * and a LIST response for the mailbox comes last. CONDSTORE and QRESYNC parameters (RFC 7162 3.1.8, 3.2.5): every
 * SELECT names HIGHESTMODSEQ; a QRESYNC SELECT then sends VANISHED (EARLIER) and the changed messages.
 */
public final class SelectCommand implements ImapCommand {

    private final boolean readOnly;

    public SelectCommand(boolean readOnly) {
        this.readOnly = readOnly;
    }

    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) throws Exception {
        String wire = args.astring();
        SelectParams params;
        try {
            params = SelectParams.parse(args, ctx.qresync());
        } catch (ImapSyntaxException bad) {
            closePrevious(ctx); // as Dovecot: the previous mailbox is closed even when the parameters are bad
            throw bad;
        }
        closePrevious(ctx);
        // enabled while nothing is selected, so no HIGHESTMODSEQ of the previous mailbox goes out (Dovecot's order)
        if (params.condstore()) ctx.enableCondstore();
        ImapContext.ResolvedName name = ctx.mailboxName(wire);
        Mailbox mailbox = ctx.storage().mailbox(name.name());
        SelectedMailbox view = mailbox.select(readOnly);
        ctx.select(new SelectedState(view, ImapContext.clientName(name.namespace(), name.name())));

        ResponseWriter out = ctx.out();
        List<String> flags = new ArrayList<>();
        for (SystemFlag f : List.of(SystemFlag.ANSWERED, SystemFlag.FLAGGED, SystemFlag.DELETED, SystemFlag.SEEN, SystemFlag.DRAFT)) {
            flags.add(f.imapName());
        }
        flags.addAll(view.keywords());
        out.untagged().atom("FLAGS").sp().atoms(flags).end();
        if (view.readOnly()) {
            out.untagged().atom("OK").sp().token("[PERMANENTFLAGS ()]").sp().text("Read-only mailbox.").end();
        } else {
            List<String> permanent = new ArrayList<>(flags);
            if (view.canCreateKeywords()) permanent.add("\\*");
            out.untagged().atom("OK").sp().token("[PERMANENTFLAGS (" + String.join(" ", permanent) + ")]").sp()
                    .text("Flags permitted.").end();
        }
        out.untagged().number(view.count()).sp().atom("EXISTS").end();
        boolean rev2 = ctx.imap4rev2();
        if (!rev2) { // RFC 9051 appendix E items 11 and 12: no RECENT, no [UNSEEN n] in IMAP4rev2
            out.untagged().number(view.recentCount()).sp().atom("RECENT").end();
            int unseen = view.firstUnseen();
            if (unseen > 0) {
                out.untagged().atom("OK").sp().token("[UNSEEN " + unseen + "]").sp().text("First unseen.").end();
            }
        }
        out.untagged().atom("OK").sp().token("[UIDVALIDITY " + view.uidValidity() + "]").sp().text("UIDs valid").end();
        out.untagged().atom("OK").sp().token("[UIDNEXT " + view.uidNext() + "]").sp().text("Predicted next UID").end();
        // RFC 7162 3.1.2.1: MODSEQs are always kept, so every SELECT names HIGHESTMODSEQ (never NOMODSEQ)
        out.untagged().atom("OK").sp().token("[HIGHESTMODSEQ " + view.highestModSeq() + "]").sp().text("Highest").end();
        ctx.selected().reportedFullModSeq(view.highestModSeq());
        if (rev2) {
            // RFC 9051 6.3.2: a LIST response names the selected mailbox (attributes are optional there)
            out.untagged().atom("LIST").sp().token("()").sp().string(String.valueOf(name.namespace().separator())).sp()
                    .mailbox(ImapContext.clientName(name.namespace(), name.name())).end();
        }
        if (params.qresync().isPresent() && params.qresync().get().uidValidity() == view.uidValidity()) {
            resync(ctx, params.qresync().get());
        }
        return view.readOnly()
                ? Completion.ok("READ-ONLY", readOnly ? "Examine completed." : "Select completed.")
                : Completion.ok("READ-WRITE", "Select completed.");
    }

    private static void closePrevious(ImapContext ctx) {
        if (!ctx.hasSelected()) return;
        ctx.unselect();
        ctx.out().untagged().atom("OK").sp().token("[CLOSED]").sp().text("Previous mailbox closed.").end();
    }

    /** SELECT (QRESYNC ...) with the right UIDVALIDITY: what changed since the client's MODSEQ (RFC 7162 3.2.5.1). */
    private static void resync(ImapContext ctx, SelectParams.Qresync q) throws Exception {
        SelectedMailbox view = ctx.selected().view();
        UidSet within = q.knownUids().map(k -> k.resolve(0)).orElse(UidSet.range(1, UidSet.MAX));
        UidSet seqs = q.knownSeqs().map(k -> k.resolve(0)).orElse(UidSet.EMPTY);
        UidSet seqUids = q.knownSeqUids().map(k -> k.resolve(0)).orElse(UidSet.EMPTY);
        Resync.writeVanished(ctx, Resync.vanished(view, q.modSeq(), within, seqs, seqUids));
        Resync.writeChanged(ctx, q.modSeq(), within);
    }
}
