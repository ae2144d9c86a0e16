package org.loftmail.core.storage.index;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.loftmail.core.mime.BinaryContent;
import org.loftmail.core.mime.MessageSummary;
import org.loftmail.core.mime.MimeHeader;
import org.loftmail.core.mime.MimeMessage;
import org.loftmail.core.mime.MimeParser;
import org.loftmail.core.mime.StructureCodec;

/**
 * The one owner of parsed message data (ENVELOPE, BODYSTRUCTURE, section offsets, the header fields SEARCH,
 * SORT and THREAD read, BINARY sizes): one {@link MessageData} per message under the slot {@value #SLOT} of the
 * mailbox's {@code loft.cache}. A backend fills it when it saves a message ({@link #parse}, {@link #saved}), from one parse of the
 * bytes as stored; messages other programs wrote are parsed on first use and remembered. A message never changes,
 * so what is learned is merged into what is stored, never invalidated; the cache file itself is versioned and
 * started over when it is missing, damaged or of another UIDVALIDITY. See
 * docs/adr/0306-parse-once-message-data.md.
 */
public final class ParsedMessageCache {

    static final String SLOT = "msg";

    /** Opens the stored message from its first byte. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    private final MailboxIndex index;

    public ParsedMessageCache(MailboxIndex index) {
        this.index = index;
    }

    /**
     * Parses a message a backend is about to save, from the bytes exactly as they will be stored; empty when they
     * cannot be read (then the first FETCH parses instead). The result goes to {@link #saved} once the UID is known.
     */
    public static Optional<MessageData> parse(Path stored) {
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(stored), 1 << 16)) {
            return Optional.of(MessageData.of(MimeParser.parse(in)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A backend saved {@code uid}: remember what {@link #parse} learned from its bytes. */
    public void saved(long uidValidity, long uid, MessageData data) {
        learned(uidValidity, uid, data);
    }

    /**
     * A backend copied a message byte for byte (COPY, MOVE): the copy gets what is known of the source, without
     * a parse. Nothing known is nothing copied; the copy is then parsed on first use.
     */
    public void copied(long uidValidity, long uid, ParsedMessageCache source, long sourceValidity, long sourceUid) {
        source.data(sourceValidity, sourceUid).ifPresent(d -> learned(uidValidity, uid, d));
    }

    /** The message's structure: from the cache, else parsed from {@code source} once and remembered. */
    public MessageSummary summary(long uidValidity, long uid, Source source) throws IOException {
        Optional<byte[]> raw = stored(uidValidity, uid);
        Optional<byte[]> structure = raw.flatMap(MessageDataCodec::structure);
        if (structure.isPresent()) {
            try {
                return StructureCodec.decode(structure.get());
            } catch (StructureCodec.CorruptStructureException ignored) {
                // parse again below
            }
        }
        MimeMessage parsed;
        try (InputStream in = source.open()) {
            parsed = MimeParser.parse(in);
        }
        MessageSummary summary = MessageSummary.of(parsed.root());
        learned(uidValidity, uid, MessageData.EMPTY.withStructure(summary).withHeader(parsed.header(), MessageData.STANDARD_FIELDS));
        return summary;
    }

    /**
     * The decoded size of {@code BINARY[part]}: from the cache, else measured from {@code content} (which means
     * decoding the part) and remembered.
     */
    public BinaryContent.Measure binarySize(long uidValidity, long uid, String part, BinaryContent content) throws IOException {
        Optional<BinaryContent.Measure> known = stored(uidValidity, uid).flatMap(MessageDataCodec::decode)
                .map(d -> d.binarySizes().get(part));
        if (known.isPresent()) return known.get();
        BinaryContent.Measure m = content.measure();
        learned(uidValidity, uid, MessageData.EMPTY.withBinarySize(part, m));
        return m;
    }

    /** The whole record as stored, for tests and tools; empty when nothing is known. */
    public Optional<MessageData> data(long uidValidity, long uid) {
        return stored(uidValidity, uid).flatMap(MessageDataCodec::decode);
    }

    /** Opens a run of header lookups over many messages (one SEARCH). */
    HeaderReads headerReads(long uidValidity) {
        return new HeaderReads(uidValidity);
    }

    private Optional<byte[]> stored(long uidValidity, long uid) {
        index.lock().lock();
        try {
            return index.cache().get(uidValidity, uid, SLOT);
        } finally {
            index.lock().unlock();
        }
    }

    /** Adds what was learned about one message to what is stored (read and written under the index lock). */
    private void learned(long uidValidity, long uid, MessageData data) {
        index.lock().lock();
        try {
            if (index.get(uid) == null) return; // expunged meanwhile: the value would only be garbage
            MailboxCache cache = index.cache();
            MessageData merged = cache.get(uidValidity, uid, SLOT).flatMap(MessageDataCodec::decode).map(data::merge).orElse(data);
            cache.put(uidValidity, uid, SLOT, MessageDataCodec.encode(merged));
        } finally {
            index.lock().unlock();
        }
    }

    /**
     * Header lookups for one SEARCH, as Dovecot reads searched headers from its cache file: the cache is caught up
     * and mapped once, each lookup builds only the fields asked for, and headers read from message files are
     * written back in batches (the standard fields plus the one asked for), so the next search never opens them.
     * The index's lock is taken per lookup and per batch, not across the search.
     */
    final class HeaderReads {

        private static final int BATCH = 1024;

        private final long uidValidity;
        private final Map<Long, MessageData> pending = new LinkedHashMap<>();
        /** Per searched field, the names a header read keeps (computed once per search, not per message). */
        private final Map<String, Set<String>> namesToKeep = new java.util.HashMap<>();
        private boolean caughtUp;

        private HeaderReads(long uidValidity) {
            this.uidValidity = uidValidity;
        }

        /** The fields named {@code field} of a message, or empty when they are not in the cache yet. */
        Optional<MimeHeader> cached(long uid, String field) {
            String lower = field.toLowerCase(java.util.Locale.ROOT);
            MessageData learnedHere = pending.get(uid);
            if (learnedHere != null && learnedHere.fieldNames().contains(lower)) return learnedHere.header(lower);
            index.lock().lock();
            try {
                MailboxCache cache = index.cache();
                if (!caughtUp) {
                    cache.catchUp(uidValidity);
                    cache.mapForBulkReads();
                    caughtUp = true;
                }
                return cache.getKnown(uidValidity, uid, SLOT).flatMap(raw -> MessageDataCodec.header(raw, lower));
            } finally {
                index.lock().unlock();
            }
        }

        /** Remembers a message's header read from its file: the standard fields and {@code field}. */
        void read(long uid, String field, MimeHeader header) {
            MessageData before = pending.getOrDefault(uid, MessageData.EMPTY);
            pending.put(uid, before.withHeader(header, namesToKeep.computeIfAbsent(field, HeaderReads::standardAnd)));
            if (pending.size() >= BATCH) flush();
        }

        /** Writes what this search learned, merged into what the cache holds for each message. */
        void flush() {
            if (pending.isEmpty()) return;
            index.lock().lock();
            try {
                MailboxCache cache = index.cache();
                cache.catchUp(uidValidity); // then a value not known in memory is not in the file either
                List<MailboxCache.Value> values = new ArrayList<>(pending.size());
                for (Map.Entry<Long, MessageData> e : pending.entrySet()) {
                    if (index.get(e.getKey()) == null) continue;
                    // what is stored wins: this search only adds the names it read (a message never changes, and
                    // the stored fields may come from the parse at save time)
                    MessageData merged = cache.getKnown(uidValidity, e.getKey(), SLOT).flatMap(MessageDataCodec::decode)
                            .map(stored -> stored.merge(e.getValue())).orElse(e.getValue());
                    values.add(new MailboxCache.Value(e.getKey(), SLOT, MessageDataCodec.encode(merged)));
                }
                cache.putAll(uidValidity, values);
            } finally {
                index.lock().unlock();
            }
            pending.clear();
        }

        private static Set<String> standardAnd(String field) {
            Set<String> all = new java.util.HashSet<>(MessageData.STANDARD_FIELDS);
            all.add(field.toLowerCase(java.util.Locale.ROOT));
            return Set.copyOf(all);
        }
    }
}
