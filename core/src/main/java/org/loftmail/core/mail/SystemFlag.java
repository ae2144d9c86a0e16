package org.loftmail.core.mail;

import java.util.Locale;
import java.util.Optional;

/** The IMAP system flags that are stored with a message (\Recent is session state, see the selected view). */
public enum SystemFlag {
    ANSWERED("\\Answered"),
    DELETED("\\Deleted"),
    DRAFT("\\Draft"),
    FLAGGED("\\Flagged"),
    SEEN("\\Seen");

    private final String imapName;

    SystemFlag(String imapName) {
        this.imapName = imapName;
    }

    /** The flag as IMAP writes it, e.g. {@code \Seen}. */
    public String imapName() {
        return imapName;
    }

    /** Case-insensitive lookup of {@code \Seen}-style names; empty for keywords and {@code \Recent}. */
    public static Optional<SystemFlag> fromImapName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (SystemFlag f : values()) {
            if (f.imapName.toLowerCase(Locale.ROOT).equals(lower)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
