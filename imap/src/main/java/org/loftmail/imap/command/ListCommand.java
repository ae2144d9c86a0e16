package org.loftmail.imap.command;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.mail.ModifiedUtf7;
import org.loftmail.core.storage.MailboxAttribute;
import org.loftmail.core.storage.MailboxInfo;
import org.loftmail.core.storage.Namespace;
import org.loftmail.core.storage.SpecialUse;
import org.loftmail.imap.Completion;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.codec.ArgumentReader;
import org.loftmail.imap.codec.ImapSyntaxException;

/**
 * LIST and LSUB (RFC 3501 sections 6.3.8, 6.3.9) with LIST-EXTENDED (RFC 5258: selection options SUBSCRIBED,
 * REMOTE, RECURSIVEMATCH, SPECIAL-USE; several patterns; RETURN (SUBSCRIBED CHILDREN SPECIAL-USE)), LIST-STATUS
 * (RFC 5819) and CHILDREN (RFC 3348). Special-use attributes are always shown, as Dovecot shows them. With
 * RECURSIVEMATCH, parents of subscribed mailboxes carry CHILDINFO (RFC 5258 section 3.5). Under IMAP4rev2 patterns
 * and names are UTF-8 (RFC 9051 section 6.3.9).
 */
public final class ListCommand implements ImapCommand {

    private final boolean lsub;

    public ListCommand(boolean lsub) {
        this.lsub = lsub;
    }

    /** The parsed arguments. */
    record Args(boolean subscribedOnly, boolean specialUseOnly, boolean recursiveMatch, boolean returnSubscribed,
            List<String> statusItems, String reference, List<String> patterns) {}

    Args parse(ArgumentReader a) {
        boolean subscribedOnly = lsub;
        boolean specialUseOnly = false;
        boolean recursive = false;
        if (!lsub && a.peek() == '(') {
            a.expect('(');
            boolean first = true;
            while (!a.skip(')')) {
                if (!first) a.sp();
                first = false;
                switch (a.keyword()) {
                    case "SUBSCRIBED" -> subscribedOnly = true;
                    case "REMOTE" -> { }
                    case "RECURSIVEMATCH" -> recursive = true;
                    case "SPECIAL-USE" -> specialUseOnly = true;
                    default -> throw new ImapSyntaxException("Invalid list selection option");
                }
            }
            if (recursive && !subscribedOnly) throw new ImapSyntaxException("RECURSIVEMATCH needs a base option");
            a.sp();
        }
        String reference = a.astring();
        a.sp();
        List<String> patterns = new ArrayList<>();
        if (!lsub && a.peek() == '(') {
            a.expect('(');
            while (!a.skip(')')) {
                if (!patterns.isEmpty()) a.sp();
                patterns.add(a.listMailbox());
            }
            if (patterns.isEmpty()) throw new ImapSyntaxException("Empty pattern list");
        } else {
            patterns.add(a.listMailbox());
        }
        boolean returnSubscribed = false;
        List<String> status = List.of();
        if (!lsub && !a.atEnd()) {
            a.sp();
            if (!a.skipKeyword("RETURN")) throw new ImapSyntaxException("Expected RETURN");
            a.sp();
            a.expect('(');
            boolean first = true;
            while (!a.skip(')')) {
                if (!first) a.sp();
                first = false;
                switch (a.keyword()) {
                    case "SUBSCRIBED" -> returnSubscribed = true;
                    case "CHILDREN", "SPECIAL-USE" -> { }
                    case "STATUS" -> {
                        a.sp();
                        status = StatusCommand.items(a);
                    }
                    default -> throw new ImapSyntaxException("Invalid list return option");
                }
            }
        }
        a.end();
        return new Args(subscribedOnly, specialUseOnly, recursive, returnSubscribed, status, reference, patterns);
    }

    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) throws Exception {
        Args a = parse(args);
        Namespace ns = ctx.storage().namespaces().get(0);
        char sep = ns.separator();
        String verb = lsub ? "LSUB" : "LIST";
        if (!lsub && a.patterns().size() == 1 && a.patterns().get(0).isEmpty()) {
            // the hierarchy delimiter and root of the reference (RFC 3501 6.3.8)
            ctx.out().untagged().atom("LIST").sp().token("(\\Noselect)").sp().string(String.valueOf(sep)).sp().string("").end();
            return Completion.ok("List completed.");
        }
        List<MailboxPattern> patterns;
        try {
            patterns = a.patterns().stream().map(p -> MailboxPattern.of(a.reference(), p, sep)).toList();
        } catch (MailboxPattern.TooLongException e) {
            return Completion.no("LIMIT", e.getMessage() + ".");
        }
        List<MailboxInfo> all = ctx.storage().list();
        Set<MailboxName> subscribed = ctx.storage().subscriptions();
        Set<MailboxName> existing = new LinkedHashSet<>();
        for (MailboxInfo i : all) existing.add(i.name());
        Set<MailboxName> allSubscribed = new LinkedHashSet<>(subscribed);
        for (MailboxInfo i : all) if (i.subscribed()) allSubscribed.add(i.name());
        // patterns are matched in the form names take on the wire: modified UTF-7, or UTF-8 under IMAP4rev2
        Predicate<MailboxName> matches = n -> {
            String clientName = ImapContext.clientName(ns, n);
            String wire = ctx.imap4rev2() ? clientName : ModifiedUtf7.encode(clientName);
            return patterns.stream().anyMatch(p -> p.matches(wire));
        };
        Predicate<MailboxName> childInfo = n -> a.recursiveMatch() && hasHiddenSubscribedDescendant(n, allSubscribed, matches);
        List<Entry> entries = new ArrayList<>();
        for (MailboxInfo info : all) {
            if (!matches.test(info.name())) continue;
            boolean isSubscribed = allSubscribed.contains(info.name());
            boolean withChildInfo = childInfo.test(info.name());
            if (a.subscribedOnly() && !isSubscribed && !withChildInfo) continue;
            if (a.specialUseOnly() && info.specialUse().isEmpty()) continue;
            // LSUB shows no child or special-use attributes, only \Noselect (Dovecot: "* LSUB () "." a.b")
            List<String> attrs = lsub ? (info.selectable() ? List.of() : List.of("\\Noselect"))
                    : attributes(info, all, isSubscribed && (a.returnSubscribed() || a.subscribedOnly()));
            entries.add(new Entry(info.name(), attrs, info.selectable(), withChildInfo));
        }
        if (a.subscribedOnly()) {
            for (MailboxName s : subscribed) {
                if (!existing.contains(s) && matches.test(s)) {
                    List<String> attrs = lsub ? List.of("\\Noselect") : List.of("\\Subscribed", "\\NonExistent");
                    entries.add(new Entry(s, attrs, false, childInfo.test(s)));
                }
            }
            if (a.recursiveMatch()) {
                for (MailboxName p : missingParents(allSubscribed, existing)) {
                    if (matches.test(p) && childInfo.test(p)) entries.add(new Entry(p, List.of("\\NonExistent"), false, true));
                }
            }
        }
        if (lsub) {
            // RFC 3501 6.3.9 and Dovecot: when "%" stops above a subscribed mailbox, its unsubscribed parent at that
            // level is listed with \Noselect
            Set<MailboxName> listed = new LinkedHashSet<>();
            for (Entry e : entries) listed.add(e.name());
            for (MailboxName s : allSubscribed) {
                if (matches.test(s)) continue;
                for (MailboxName p = s; p.depth() > 1; ) {
                    p = p.parent();
                    if (allSubscribed.contains(p)) break;
                    if (matches.test(p)) {
                        if (listed.add(p)) entries.add(new Entry(p, List.of("\\Noselect"), false, false));
                        break;
                    }
                }
            }
        }
        for (Entry e : entries) {
            String clientName = ImapContext.clientName(ns, e.name());
            var line = ctx.out().untagged().atom(verb).sp().atoms(e.attributes()).sp().string(String.valueOf(sep)).sp().mailbox(clientName);
            if (e.childInfo()) line.sp().open().string("CHILDINFO").sp().open().string("SUBSCRIBED").close().close();
            line.end();
            if (!a.statusItems().isEmpty() && e.selectable()) {
                try {
                    StatusCommand.write(ctx, clientName, a.statusItems(), ctx.storage().mailbox(e.name()).status());
                } catch (Exception ignored) {
                    // RFC 5819: a mailbox whose status cannot be read is listed without it
                }
            }
        }
        return Completion.ok(lsub ? "Lsub completed." : "List completed.");
    }

    /** {@code childInfo}: listed with RFC 5258 section 3.5's {@code ("CHILDINFO" ("SUBSCRIBED"))}. */
    private record Entry(MailboxName name, List<String> attributes, boolean selectable, boolean childInfo) {}

    /**
     * RECURSIVEMATCH (RFC 5258 sections 3.5 and 5, example 9): CHILDINFO marks a mailbox with a subscribed
     * descendant that the patterns leave out; descendants that are listed themselves need no hint.
     */
    private static boolean hasHiddenSubscribedDescendant(MailboxName name, Set<MailboxName> subscribed,
            Predicate<MailboxName> listed) {
        for (MailboxName s : subscribed) {
            if (s.depth() > name.depth() && s.isSelfOrDescendantOf(name) && !listed.test(s)) return true;
        }
        return false;
    }

    /**
     * Parents of subscribed mailboxes that neither exist nor are subscribed themselves: with RECURSIVEMATCH they are
     * listed as \NonExistent with CHILDINFO (RFC 9051 section 7.3.1, \NonExistent condition 2).
     */
    private static Set<MailboxName> missingParents(Set<MailboxName> subscribed, Set<MailboxName> existing) {
        Set<MailboxName> parents = new LinkedHashSet<>();
        for (MailboxName s : subscribed) {
            for (MailboxName p = s; p.depth() > 1; ) {
                p = p.parent();
                if (!existing.contains(p) && !subscribed.contains(p)) parents.add(p);
            }
        }
        return parents;
    }

    private static List<String> attributes(MailboxInfo info, List<MailboxInfo> all, boolean subscribed) {
        List<String> out = new ArrayList<>();
        boolean childrenKnown = false;
        for (MailboxAttribute attr : info.attributes()) {
            out.add(attr.imapName());
            childrenKnown |= attr == MailboxAttribute.HAS_CHILDREN || attr == MailboxAttribute.HAS_NO_CHILDREN
                    || attr == MailboxAttribute.NOINFERIORS;
        }
        if (!childrenKnown) {
            boolean children = all.stream().anyMatch(o -> o.name().depth() > info.name().depth()
                    && o.name().isSelfOrDescendantOf(info.name()));
            out.add(children ? "\\HasChildren" : "\\HasNoChildren");
        }
        if (subscribed) out.add("\\Subscribed");
        for (SpecialUse u : info.specialUse()) out.add(u.imapName());
        out.sort((x, y) -> Integer.compare(order(x), order(y)));
        return out;
    }

    /** Dovecot lists \Noselect/\NonExistent first, then \Subscribed, then children, then special use. */
    private static int order(String attr) {
        return switch (attr.toLowerCase(Locale.ROOT)) {
            case "\\noselect", "\\nonexistent" -> 0;
            case "\\subscribed" -> 1;
            case "\\haschildren", "\\hasnochildren", "\\noinferiors" -> 2;
            default -> 3;
        };
    }
}
