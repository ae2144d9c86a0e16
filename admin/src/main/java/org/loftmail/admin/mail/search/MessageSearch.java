package org.loftmail.admin.mail.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.loftmail.admin.mail.MailContext;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.Mailbox;
import org.loftmail.core.storage.MailboxInfo;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.text.WildcardMatcher;

/**
 * Runs a query over a user's mailboxes, as doveadm does: every selectable mailbox in list order, or those the
 * query's {@code mailbox} terms name (masks with {@code *} and {@code %}), each opened as a view and searched.
 */
public final class MessageSearch {

    /** What is done with the matches of one mailbox. */
    @FunctionalInterface
    public interface Visitor {
        void visit(Match match) throws Exception;
    }

    /** One mailbox's matches, with the open view. */
    public record Match(MailboxName name, String shownName, Mailbox mailbox, String mailboxGuid, SelectedMailbox view,
            UidSet uids) {}

    private MessageSearch() {}

    /** The mailboxes the query covers, in list order. */
    public static List<MailboxName> mailboxes(MailContext ctx, SearchQuery query) throws Exception {
        char sep = ctx.inboxNamespace().separator();
        List<WildcardMatcher> masks = new ArrayList<>();
        for (String m : query.mailboxes()) {
            WildcardMatcher.Builder b = WildcardMatcher.builder();
            boolean inbox = m.regionMatches(true, 0, "INBOX", 0, 5) && (m.length() == 5 || m.charAt(5) == sep);
            int i = 0;
            if (inbox) {
                b.literals(m.substring(0, 5), true);
                i = 5;
            }
            for (; i < m.length(); ) {
                int cp = m.codePointAt(i);
                switch (cp) {
                    case '*' -> b.anyRun();
                    case '%' -> b.runWithout(sep);
                    default -> b.literal(cp, false);
                }
                i += Character.charCount(cp);
            }
            masks.add(b.build());
        }
        List<MailboxName> out = new ArrayList<>();
        List<MailboxInfo> all = ctx.storage().list();
        for (String m : query.mailboxes()) {
            boolean mask = m.contains("*") || m.contains("%");
            if (!mask && all.stream().noneMatch(i -> i.selectable() && ctx.format(i.name()).equals(
                    MailboxName.isInboxName(m) ? "INBOX" : m))) {
                throw new org.loftmail.admin.mail.CommandFailure("Couldn't get mailbox '" + m
                        + "' GUID: Mailbox doesn't exist: " + m, org.loftmail.admin.ExitCodes.NOTFOUND);
            }
        }
        for (MailboxInfo info : all) {
            if (!info.selectable()) {
                continue;
            }
            String shown = ctx.format(info.name());
            if (masks.isEmpty() || masks.stream().anyMatch(w -> w.matches(shown))) {
                out.add(info.name());
            }
        }
        return out;
    }

    /** Searches each covered mailbox ({@code readOnly} views do not take \Recent) and visits its matches. */
    public static void run(MailContext ctx, SearchQuery query, boolean readOnly, Visitor visitor) throws Exception {
        for (MailboxName name : mailboxes(ctx, query)) {
            Mailbox mailbox = ctx.storage().mailbox(name);
            String guid = mailbox.guid().orElse("");
            if (query.mailboxGuid().isPresent() && !query.mailboxGuid().get().equalsIgnoreCase(guid)) {
                continue;
            }
            try (SelectedMailbox view = mailbox.select(readOnly)) {
                UidSet uids = view.search(query.key());
                if (query.messageGuid().isPresent()) {
                    uids = withGuid(view, uids, query.messageGuid().get());
                }
                visitor.visit(new Match(name, ctx.format(name), mailbox, guid, view, uids));
            }
        }
    }

    private static UidSet withGuid(SelectedMailbox view, UidSet uids, String guid) {
        List<Long> kept = new ArrayList<>();
        for (long uid : uids.stream().toArray()) {
            int seq = view.seq(uid);
            if (seq > 0 && view.record(seq).guid().equals(guid)) {
                kept.add(uid);
            }
        }
        return UidSet.of(kept);
    }

    /** The message GUIDs Dovecot shows for Maildir: the uidlist's G field, else the file's base name. */
    public static Optional<String> guid(SelectedMailbox view, long uid) {
        int seq = view.seq(uid);
        return seq == 0 ? Optional.empty() : Optional.of(view.record(seq).guid());
    }
}
