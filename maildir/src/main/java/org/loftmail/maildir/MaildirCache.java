package org.loftmail.maildir;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cached per-message values keyed by UID and slot name, opaque to the storage (the MIME parser decides what
 * goes in). Kept in memory for the life of the process; entries of expunged UIDs are dropped.
 */
final class MaildirCache {

    private final Map<Long, Map<String, byte[]>> values = new ConcurrentHashMap<>();

    MaildirCache(java.nio.file.Path file, FileCreator creator) {
        // persistence to the file comes with the cache file format; the path is reserved for it
    }

    Optional<byte[]> get(long uid, String slot) {
        Map<String, byte[]> m = values.get(uid);
        byte[] v = m == null ? null : m.get(slot);
        return Optional.ofNullable(v == null ? null : v.clone());
    }

    void put(long uid, String slot, byte[] value) {
        values.computeIfAbsent(uid, u -> new ConcurrentHashMap<>()).put(slot, value.clone());
    }

    void drop(long uid) {
        values.remove(uid);
    }
}
