package org.loftmail.core.storage;

import java.util.Objects;
import java.util.Set;
import org.loftmail.core.mail.MailboxName;

/** One entry of the mailbox list: a mailbox, or a \Noselect parent that only holds children. */
public record MailboxInfo(MailboxName name, Set<MailboxAttribute> attributes, Set<SpecialUse> specialUse, boolean subscribed) {
    public MailboxInfo {
        Objects.requireNonNull(name, "name");
        attributes = Set.copyOf(attributes);
        specialUse = Set.copyOf(specialUse);
    }

    public boolean selectable() {
        return !attributes.contains(MailboxAttribute.NOSELECT);
    }
}
