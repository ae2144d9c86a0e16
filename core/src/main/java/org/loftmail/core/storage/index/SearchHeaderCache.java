package org.loftmail.core.storage.index;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.loftmail.core.mime.HeaderField;
import org.loftmail.core.mime.MimeHeader;

/**
 * The header fields one SEARCH reads (SUBJECT, FROM, HEADER X-Foo, the Date: of SENTBEFORE...), kept per message
 * in {@code loft.cache} under the slot {@code hdr.<field>} as Dovecot keeps searched headers in its cache file: the
 * first search on a field reads each message's header once, later ones never open the message files. Values are
 * the raw stored bytes of every field of that name, so evaluation (unfolding, encoded-words) is unchanged. New
 * values are written in one batch per search; the index's lock is taken per lookup, not across the search.
 */
public final class SearchHeaderCache {

    private static final int BATCH = 1024;

    private final MailboxIndex index;
    private final long uidValidity;
    private final List<MailboxCache.Value> pending = new ArrayList<>();
    private boolean caughtUp;

    SearchHeaderCache(MailboxIndex index, long uidValidity) {
        this.index = index;
        this.uidValidity = uidValidity;
    }

    public static String slot(String field) {
        return "hdr." + field.toLowerCase(Locale.ROOT);
    }

    /** The cached fields named {@code field} of a message, or empty when not cached yet. */
    Optional<MimeHeader> cached(long uid, String field) {
        index.lock().lock();
        try {
            if (!caughtUp) {
                index.cache().catchUp(uidValidity);
                index.cache().mapForBulkReads();
                caughtUp = true;
            }
            Optional<byte[]> raw = index.cache().getKnown(uidValidity, uid, slot(field));
            if (raw.isEmpty()) return Optional.empty();
            return decode(raw.get());
        } finally {
            index.lock().unlock();
        }
    }

    /** Remembers the fields named {@code field} of a message's header read from its file. */
    void add(long uid, String field, MimeHeader header) {
        pending.add(new MailboxCache.Value(uid, slot(field), encode(header.all(field))));
        if (pending.size() >= BATCH) flush();
    }

    /** Writes what this search learned. */
    void flush() {
        if (pending.isEmpty()) return;
        index.lock().lock();
        try {
            index.cache().putAll(uidValidity, pending);
        } finally {
            index.lock().unlock();
        }
        pending.clear();
    }

    static byte[] encode(List<HeaderField> fields) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(fields.size());
            for (HeaderField f : fields) {
                writeBytes(out, f.name());
                writeBytes(out, f.rawValue());
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e); // in memory
        }
    }

    public static Optional<MimeHeader> decode(byte[] raw) {
        try {
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(raw));
            int n = in.readInt();
            if (n < 0 || n > raw.length) return Optional.empty();
            List<HeaderField> fields = new ArrayList<>(n);
            for (int i = 0; i < n; i++) fields.add(new HeaderField(readBytes(in), readBytes(in)));
            return in.available() == 0 ? Optional.of(new MimeHeader(fields)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // damaged: read the message again
        }
    }

    // header strings are byte strings (one char per byte), so ISO-8859-1 keeps every byte as stored
    private static void writeBytes(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readBytes(DataInputStream in) throws IOException {
        int len = in.readInt();
        if (len < 0 || len > in.available()) throw new IOException("bad length");
        return new String(in.readNBytes(len), StandardCharsets.ISO_8859_1);
    }
}
