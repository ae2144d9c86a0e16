package org.loftmail.core.storage;

/**
 * Hears changes to one mailbox made anywhere in this process (IDLE). Called on the changing thread right after
 * the change is durable: do not block; hand the work to the session's executor.
 */
@FunctionalInterface
public interface MailboxListener {
    void changed(MailboxChange change);
}
