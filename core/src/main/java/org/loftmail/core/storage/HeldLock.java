package org.loftmail.core.storage;

/** A lock the storage holds for a caller until it is closed; closing twice is harmless. */
public interface HeldLock extends AutoCloseable {
    @Override
    void close();
}
