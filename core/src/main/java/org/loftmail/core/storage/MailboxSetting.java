package org.loftmail.core.storage;

import java.util.Objects;
import java.util.Set;
import org.loftmail.core.mail.MailboxName;

/**
 * One {@code mailbox NAME { special_use = \Junk  auto = subscribe }} block of a namespace
 * (15-mailboxes.conf). {@code auto}: {@code no}, {@code create} (created at first open) or {@code subscribe}
 * (created and subscribed).
 */
public record MailboxSetting(MailboxName name, Set<SpecialUse> specialUse, Auto auto) {

    public enum Auto {
        NO,
        CREATE,
        SUBSCRIBE
    }

    public MailboxSetting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(auto, "auto");
        specialUse = Set.copyOf(specialUse);
    }
}
