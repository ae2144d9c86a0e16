package org.loftmail.core.storage.index;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * {@code loft.cache}: per-message values keyed by UID and slot name, so FETCH and SEARCH never open the message
 * again for what they hold, across restarts. An append-only file: a header ({@code LOFTCCH2}, UIDVALIDITY) then
 * records {@code [length][crc32][uid][slot][value]}, each appended with one write under O_APPEND so several
 * processes can add to it. Only offsets are kept in memory; values are read with one positional read. Records of
 * expunged UIDs become garbage and the file is compacted (write-new-then-rename) when more than half of it is
 * garbage. A bad record or a foreign UIDVALIDITY means the file is started over: it
 * is a cache. All methods are called with the mailbox index's lock held.
 *
 * <p>The one slot in use is {@code msg}: {@link ParsedMessageCache}'s parsed message data (ENVELOPE,
 * BODYSTRUCTURE, section offsets, searched header fields, BINARY sizes). Protocols do not write here directly.
 */
public final class MailboxCache {

    // "LOFTCCH2": version 2 holds one ParsedMessageCache record per message; a version-1 file (IMAP's structure and
    // the header-cache slots) is started over like any foreign file, and the records come back as messages are read
    private static final long MAGIC = 0x4c4f4654434348_32L;
    private static final int HEADER = 16;
    private static final int MAX_VALUE = 1 << 20;
    private static final long COMPACT_MIN_BYTES = 1 << 20;

    private record Slot(long offset, int length) {}

    private final Path file;
    private final IndexFileCreator creator;
    private final Map<Long, Map<String, Slot>> slots = new HashMap<>();
    private long uidValidity = -1;
    private long readEnd;
    private Object fileKey;
    private long liveBytes;
    private boolean corrupt;

    MailboxCache(Path file, IndexFileCreator creator) {
        this.file = file;
        this.creator = creator;
    }

    Optional<byte[]> get(long validity, long uid, String slot) {
        try {
            Slot s = validity == uidValidity ? lookup(uid, slot) : null;
            if (s == null) {
                // not known here: another process may have added it, or the file was replaced
                sync(validity);
                s = lookup(uid, slot);
                if (s == null) return Optional.empty();
            }
            // the open channel keeps reading the file these offsets belong to, even if it was replaced meanwhile
            return read(s);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Slot lookup(long uid, String slot) {
        Map<String, Slot> m = slots.get(uid);
        return m == null ? null : m.get(slot);
    }

    private FileChannel reader;

    private FileChannel reader() throws IOException {
        if (reader == null) reader = creator.open(file, StandardOpenOption.READ);
        return reader;
    }

    /** Releases the open file; the next use reopens it. */
    void close() {
        clear();
    }

    /** The reader's file mapped up to {@link #mappedEnd}, for runs of lookups; null when not mapped. */
    private java.nio.MappedByteBuffer mapped;
    private long mappedEnd;

    /**
     * Maps what is known of the file for a run of lookups (a SEARCH over a whole mailbox), so each value is a
     * copy from memory rather than a read call. The file is only ever appended to or replaced by a rename, never
     * truncated in place, so the mapping stays valid for the file the reader has open.
     */
    void mapForBulkReads() {
        if (readEnd <= HEADER || readEnd > Integer.MAX_VALUE || (mapped != null && mappedEnd == readEnd)) return;
        try {
            mapped = reader().map(FileChannel.MapMode.READ_ONLY, 0, readEnd);
            mappedEnd = readEnd;
        } catch (IOException | UnsupportedOperationException e) {
            mapped = null; // read call per value, as without the mapping
        }
    }

    private void closeReader() {
        mapped = null;
        if (reader == null) return;
        try {
            reader.close();
        } catch (IOException ignored) {
            // read-only channel
        }
        reader = null;
    }

    void put(long validity, long uid, String slot, byte[] value) {
        putAll(validity, List.of(new Value(uid, slot, value)));
    }

    /** One value to store. */
    record Value(long uid, String slot, byte[] value) {}

    /** Appends several values with one write (a SEARCH filling the header cache for a whole mailbox). */
    void putAll(long validity, List<Value> values) {
        try {
            sync(validity);
            if (!Files.exists(file)) start(validity);
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            List<Value> written = new java.util.ArrayList<>(values.size());
            for (Value v : values) {
                if (v.value().length > MAX_VALUE) continue;
                written.add(v);
                byte[] slotBytes = v.slot().getBytes(StandardCharsets.UTF_8);
                int payload = 8 + 2 + slotBytes.length + 4 + v.value().length;
                ByteBuffer rec = ByteBuffer.allocate(8 + payload);
                rec.putInt(payload).putInt(0).putLong(v.uid()).putShort((short) slotBytes.length).put(slotBytes)
                        .putInt(v.value().length).put(v.value());
                CRC32 crc = new CRC32();
                crc.update(rec.array(), 8, payload);
                rec.putInt(4, (int) crc.getValue());
                all.write(rec.array(), 0, rec.capacity());
            }
            if (all.size() == 0) return;
            // one write under O_APPEND: other processes' appends land before or after it, never inside
            long end;
            try (FileChannel ch = creator.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ByteBuffer buf = ByteBuffer.wrap(all.toByteArray());
                while (buf.hasRemaining()) ch.write(buf);
                end = ch.position();
            }
            if (end - all.size() == readEnd && uidValidity == validity) {
                // nobody appended between our last look and our write: our records start where we stopped reading
                long pos = readEnd;
                for (Value v : written) {
                    int slotLength = v.slot().getBytes(StandardCharsets.UTF_8).length;
                    drop(v.uid(), v.slot());
                    slots.computeIfAbsent(v.uid(), u -> new HashMap<>(4))
                            .put(v.slot(), new Slot(pos + 8 + 8 + 2 + slotLength + 4, v.value().length));
                    liveBytes += v.value().length + 32;
                    pos += 8 + 8 + 2 + slotLength + 4 + v.value().length;
                }
                readEnd = end;
            } else {
                sync(validity);
            }
        } catch (IOException e) {
            // a cache that cannot be written is only slower
        }
    }

    /** Catches up with what other processes appended; then {@link #getKnown} needs no file check per miss. */
    void catchUp(long validity) {
        try {
            sync(validity);
        } catch (IOException e) {
            // unreadable: every lookup misses, which is only slower
        }
    }

    /** Like {@link #get} but a value not known in memory is a miss without looking at the file again. */
    Optional<byte[]> getKnown(long validity, long uid, String slot) {
        Slot s = validity == uidValidity ? lookup(uid, slot) : null;
        if (s == null) return Optional.empty();
        try {
            return read(s);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    void drop(long uid) {
        Map<String, Slot> m = slots.remove(uid);
        if (m != null) for (Slot s : m.values()) liveBytes -= s.length() + 32;
    }

    /** Reads records appended since the last look (by anyone), resets on a new file or UIDVALIDITY. */
    private void sync(long validity) throws IOException {
        long size;
        Object key;
        try {
            var attrs = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            size = attrs.size();
            key = attrs.fileKey();
        } catch (NoSuchFileException e) {
            clear();
            return;
        }
        if (key == null || !key.equals(fileKey) || size < readEnd || uidValidity != validity) {
            clear();
            fileKey = key;
            if (!readHeader(validity)) {
                start(validity);
                return;
            }
            readEnd = HEADER;
        }
        if (size > readEnd) readRecords(size);
        if (corrupt) {
            corrupt = false;
            start(validity); // later appends would sit behind the damage: start over
            return;
        }
        maybeCompact(validity);
    }

    private void clear() {
        closeReader();
        slots.clear();
        readEnd = 0;
        fileKey = null;
        liveBytes = 0;
        uidValidity = -1;
    }

    private boolean readHeader(long validity) throws IOException {
        try (FileChannel ch = creator.open(file, StandardOpenOption.READ)) {
            ByteBuffer h = ByteBuffer.allocate(HEADER);
            while (h.hasRemaining()) if (ch.read(h, h.position()) < 0) return false;
            h.flip();
            if (h.getLong() != MAGIC || h.getLong() != validity) return false;
            uidValidity = validity;
            return true;
        }
    }

    private void readRecords(long size) throws IOException {
        try (FileChannel ch = creator.open(file, StandardOpenOption.READ)) {
            long pos = readEnd;
            ByteBuffer head = ByteBuffer.allocate(8);
            while (pos + 8 <= size) {
                head.clear();
                while (head.hasRemaining()) if (ch.read(head, pos + head.position()) < 0) return;
                head.flip();
                int payload = head.getInt();
                int crcValue = head.getInt();
                if (payload < 14 || payload > MAX_VALUE + 1024 || pos + 8 + payload > size) {
                    corrupt = true; // appends are single writes, so this is damage, not a writer in progress
                    break;
                }
                ByteBuffer p = ByteBuffer.allocate(payload);
                while (p.hasRemaining()) if (ch.read(p, pos + 8 + p.position()) < 0) return;
                CRC32 crc = new CRC32();
                crc.update(p.array());
                if ((int) crc.getValue() != crcValue) {
                    corrupt = true;
                    break;
                }
                p.flip();
                long uid = p.getLong();
                byte[] slot = new byte[p.getShort() & 0xffff];
                p.get(slot);
                int len = p.getInt();
                long valueOffset = pos + 8 + p.position();
                drop(uid, new String(slot, StandardCharsets.UTF_8));
                slots.computeIfAbsent(uid, u -> new HashMap<>(4)).put(new String(slot, StandardCharsets.UTF_8), new Slot(valueOffset, len));
                liveBytes += len + 32;
                pos += 8 + payload;
            }
            if (pos < size) corrupt = true; // bytes that are no whole record: damage
            readEnd = pos;
        }
    }

    private void drop(long uid, String slot) {
        Map<String, Slot> m = slots.get(uid);
        Slot old = m == null ? null : m.remove(slot);
        if (old != null) liveBytes -= old.length() + 32;
    }

    private void start(long validity) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp." + ProcessHandle.current().pid());
        Files.deleteIfExists(tmp);
        creator.directories(file.getParent());
        try (OutputStream out = creator.newCacheFile(tmp)) {
            out.write(ByteBuffer.allocate(HEADER).putLong(MAGIC).putLong(validity).array());
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        clear();
        uidValidity = validity;
        readEnd = HEADER;
        fileKey = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    }

    private Optional<byte[]> read(Slot s) throws IOException {
        if (mapped != null && s.offset() + s.length() <= mappedEnd) {
            byte[] value = new byte[s.length()];
            mapped.get((int) s.offset(), value);
            return Optional.of(value);
        }
        ByteBuffer buf = ByteBuffer.allocate(s.length());
        FileChannel ch = reader();
        while (buf.hasRemaining()) if (ch.read(buf, s.offset() + buf.position()) < 0) return Optional.empty();
        return Optional.of(buf.array());
    }

    private void maybeCompact(long validity) throws IOException {
        if (readEnd < COMPACT_MIN_BYTES || liveBytes * 2 > readEnd) return;
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp." + ProcessHandle.current().pid());
        Files.deleteIfExists(tmp);
        Map<Long, Map<String, byte[]>> live = new HashMap<>();
        for (Map.Entry<Long, Map<String, Slot>> e : slots.entrySet()) {
            for (Map.Entry<String, Slot> s : e.getValue().entrySet()) {
                read(s.getValue()).ifPresent(v -> live.computeIfAbsent(e.getKey(), u -> new HashMap<>()).put(s.getKey(), v));
            }
        }
        start(validity);
        List<Value> values = new java.util.ArrayList<>();
        for (Map.Entry<Long, Map<String, byte[]>> e : live.entrySet()) {
            for (Map.Entry<String, byte[]> s : e.getValue().entrySet()) values.add(new Value(e.getKey(), s.getKey(), s.getValue()));
        }
        putAll(validity, values);
    }
}
