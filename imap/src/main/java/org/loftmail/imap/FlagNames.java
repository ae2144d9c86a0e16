package org.loftmail.imap;

import java.util.ArrayList;
import java.util.List;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.imap.codec.ImapSyntaxException;

/** Flags between the wire form ({@code \Seen}, keywords) and {@link Flags}. */
public final class FlagNames {

    private FlagNames() {}

    /** Dovecot's order of system flags (its flag bits). */
    private static final List<SystemFlag> ORDER =
            List.of(SystemFlag.ANSWERED, SystemFlag.FLAGGED, SystemFlag.DELETED, SystemFlag.SEEN, SystemFlag.DRAFT);

    /** The flags as Dovecot lists them: system flags in its order, \Recent when the view says so, keywords. */
    public static List<String> of(Flags flags, boolean recent) {
        List<String> out = new ArrayList<>();
        for (SystemFlag f : ORDER) {
            if (flags.contains(f)) out.add(f.imapName());
        }
        if (recent) out.add("\\Recent");
        out.addAll(flags.keywords());
        return out;
    }

    /** Parses a client's flag list; \Recent is dropped (it cannot be set), unknown system flags are BAD. */
    public static Flags parse(List<String> names) {
        List<SystemFlag> system = new ArrayList<>();
        List<String> keywords = new ArrayList<>();
        for (String n : names) {
            if (n.startsWith("\\")) {
                if (n.equalsIgnoreCase("\\Recent")) continue;
                system.add(SystemFlag.fromImapName(n).orElseThrow(() -> new ImapSyntaxException("Invalid system flag")));
            } else {
                try {
                    keywords.add(Flags.validKeyword(n));
                } catch (IllegalArgumentException e) {
                    throw new ImapSyntaxException("Invalid keyword");
                }
            }
        }
        return Flags.of(system, keywords);
    }
}
