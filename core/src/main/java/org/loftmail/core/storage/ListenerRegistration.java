package org.loftmail.core.storage;

/** Ends a listener registration; idempotent. */
public interface ListenerRegistration extends AutoCloseable {
    @Override
    void close();
}
