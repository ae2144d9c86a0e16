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

    /**
     * Every keyword-free answer, precomputed: index bit i is ORDER[i], bit 5 is \Recent. FETCH FLAGS asks this
     * once per message, and most messages carry no keywords.
     */
    private static final List<List<String>> WITHOUT_KEYWORDS = withoutKeywords();

    private static List<List<String>> withoutKeywords() {
        List<List<String>> all = new ArrayList<>(64);
        for (int bits = 0; bits < 64; bits++) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < ORDER.size(); i++) {
                if ((bits & (1 << i)) != 0) names.add(ORDER.get(i).imapName());
            }
            if ((bits & 32) != 0) names.add("\\Recent");
            all.add(List.copyOf(names));
        }
        return List.copyOf(all);
    }

    /** The flags as Dovecot lists them: system flags in its order, \Recent when the view says so, keywords. */
    public static List<String> of(Flags flags, boolean recent) {
        int bits = recent ? 32 : 0;
        for (int i = 0; i < ORDER.size(); i++) {
            if (flags.contains(ORDER.get(i))) bits |= 1 << i;
        }
        List<String> system = WITHOUT_KEYWORDS.get(bits);
        if (flags.keywords().isEmpty()) return system;
        List<String> out = new ArrayList<>(system.size() + flags.keywords().size());
        out.addAll(system);
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
