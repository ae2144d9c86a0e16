package org.loftmail.imap.command;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.loftmail.imap.Completion;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.codec.ArgumentReader;
import org.loftmail.imap.codec.ResponseWriter;

/**
 * ENABLE (RFC 5161, RFC 9051 section 6.3.1). IMAP4rev2, CONDSTORE and QRESYNC (RFC 7162 section 3.2.3; it
 * switches CONDSTORE on too, without listing it) are what a client can switch on; other names are ignored as the
 * RFC requires. What was enabled is listed in {@code * ENABLED}; when nothing was, no
 * {@code * ENABLED} is sent, as Dovecot does. Like Dovecot, ENABLE is also accepted with a mailbox selected
 * (RFC 5161 lets servers skip that check).
 */
public final class EnableCommand implements ImapCommand {

    /** Extensions that ENABLE switches on, by upper-case name, with the spelling ENABLED answers with. */
    private static final java.util.Map<String, String> KNOWN = java.util.Map.of("IMAP4REV2", "IMAP4rev2",
            "CONDSTORE", "CONDSTORE", "QRESYNC", "QRESYNC");

    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) {
        Set<String> named = new LinkedHashSet<>();
        do {
            named.add(args.atom().toUpperCase(Locale.ROOT));
        } while (!args.atEnd() && args.skip(' '));
        args.end();
        Set<String> enabled = new LinkedHashSet<>();
        for (String name : named) {
            String spelling = KNOWN.get(name);
            if (spelling == null) continue;
            ctx.enable(name);
            enabled.add(spelling);
        }
        if (!enabled.isEmpty()) {
            ResponseWriter.Line l = ctx.out().untagged().atom("ENABLED");
            for (String e : enabled) l.sp().atom(e);
            l.end();
        }
        return Completion.ok("Enabled.");
    }
}
