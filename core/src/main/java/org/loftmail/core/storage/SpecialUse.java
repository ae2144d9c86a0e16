package org.loftmail.core.storage;

import java.util.Locale;
import java.util.Optional;

/** RFC 6154 special-use attributes ({@code special_use = \Sent} in a {@code mailbox} block). */
public enum SpecialUse {
    ALL("\\All"),
    ARCHIVE("\\Archive"),
    DRAFTS("\\Drafts"),
    FLAGGED("\\Flagged"),
    JUNK("\\Junk"),
    SENT("\\Sent"),
    TRASH("\\Trash"),
    IMPORTANT("\\Important");

    private final String imapName;

    SpecialUse(String imapName) {
        this.imapName = imapName;
    }

    public String imapName() {
        return imapName;
    }

    public static Optional<SpecialUse> fromImapName(String name) {
        for (SpecialUse s : values()) {
            if (s.imapName.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) return Optional.of(s);
        }
        return Optional.empty();
    }
}
