package org.loftmail.imap;

import java.util.ArrayList;
import java.util.List;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.imap.codec.ImapSyntaxException;

/** Flags between the wire form ({@code \Seen}, keywords) and {@link Flags}. */
public final class FlagNames {

    private FlagNames() {}

    /** The flags as IMAP lists them, system flags first, with \Recent when the view says so. */
    public static List<String> of(Flags flags, boolean recent) {
        List<String> out = new ArrayList<>();
        for (SystemFlag f : flags.system()) out.add(f.imapName());
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
