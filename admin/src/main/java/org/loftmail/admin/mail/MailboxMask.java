package org.loftmail.admin.mail;

import java.util.List;
import org.loftmail.core.text.WildcardMatcher;

/**
 * doveadm's mailbox masks: {@code *} matches anything, {@code %} anything but the hierarchy separator, the rest
 * literally; an INBOX prefix matches in any case. Matched in linear time (no regular expressions from input).
 */
final class MailboxMask {
    private final List<WildcardMatcher> masks;

    private MailboxMask(List<WildcardMatcher> masks) {
        this.masks = masks;
    }

    static MailboxMask of(List<String> masks, char separator) {
        return new MailboxMask(masks.stream().map(m -> compile(m, separator)).toList());
    }

    boolean isEmpty() {
        return masks.isEmpty();
    }

    boolean matches(String name) {
        return masks.isEmpty() || masks.stream().anyMatch(m -> m.matches(name));
    }

    private static WildcardMatcher compile(String mask, char separator) {
        WildcardMatcher.Builder b = WildcardMatcher.builder();
        boolean inboxPrefix = mask.regionMatches(true, 0, "INBOX", 0, 5)
                && (mask.length() == 5 || mask.charAt(5) == separator);
        int i = 0;
        if (inboxPrefix) {
            b.literals(mask.substring(0, 5), true);
            i = 5;
        }
        while (i < mask.length()) {
            int cp = mask.codePointAt(i);
            switch (cp) {
                case '*' -> b.anyRun();
                case '%' -> b.runWithout(separator);
                default -> b.literal(cp, false);
            }
            i += Character.charCount(cp);
        }
        return b.build();
    }
}
