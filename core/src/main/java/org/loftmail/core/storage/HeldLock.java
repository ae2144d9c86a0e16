package org.loftmail.core.storage;

/** A lock the storage holds for a caller until it is closed; closing twice is harmless. */
public interface HeldLock extends AutoCloseable {

    /**
     * True once the storage found the lock taken from it (another server judged it stale and broke it): the
     * holder no longer excludes anyone and must stop what the lock protected.
     */
    boolean lost();

    @Override
    void close();
}
