package org.loftmail.core.storage.index;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.loftmail.core.mime.BinaryContent;
import org.loftmail.core.mime.HeaderField;
import org.loftmail.core.mime.MimeHeader;

/**
 * The bytes of a {@link MessageData} in {@code loft.cache}. Layout, after a version byte: the structure
 * (length-prefixed, 0 = none), the captured field names, the fields (name, raw value), the BINARY sizes (part,
 * measure); lengths and counts are variable-length integers, strings their raw bytes (header strings are byte
 * strings). The structure comes first and each section is length-prefixed so that the hot paths — FETCH ENVELOPE
 * wanting only the structure, SEARCH wanting one field — skip the rest without building it. Anything malformed
 * decodes as "nothing known": the message is parsed again.
 */
final class MessageDataCodec {

    static final int VERSION = 1;

    private MessageDataCodec() {}

    static byte[] encode(MessageData d) {
        Out out = new Out();
        out.bytes.write(VERSION);
        out.blob(d.structure() == null ? new byte[0] : d.structure());
        out.varint(d.fieldNames().size());
        for (String n : d.fieldNames()) out.str(n);
        out.varint(d.fields().size());
        for (HeaderField f : d.fields()) {
            out.str(f.name());
            out.str(f.rawValue());
        }
        out.varint(d.binarySizes().size());
        for (Map.Entry<String, BinaryContent.Measure> e : d.binarySizes().entrySet()) {
            out.str(e.getKey());
            out.blob(e.getValue().toBytes());
        }
        return out.bytes.toByteArray();
    }

    /** The whole record, or empty when it is damaged or of another version. */
    static Optional<MessageData> decode(byte[] raw) {
        try {
            In in = new In(raw);
            byte[] structure = in.blob();
            int names = in.count();
            Set<String> fieldNames = new HashSet<>();
            for (int i = 0; i < names; i++) fieldNames.add(in.str());
            int n = in.count();
            List<HeaderField> fields = new ArrayList<>(n);
            for (int i = 0; i < n; i++) fields.add(new HeaderField(in.str(), in.str()));
            int sizes = in.count();
            Map<String, BinaryContent.Measure> binary = new LinkedHashMap<>();
            for (int i = 0; i < sizes; i++) {
                String part = in.str();
                binary.put(part, BinaryContent.Measure.fromBytes(in.blob()).orElseThrow(Damaged::new));
            }
            if (in.pos != raw.length) throw new Damaged();
            return Optional.of(new MessageData(structure.length == 0 ? null : structure, fieldNames, fields, binary));
        } catch (Damaged | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Only the structure bytes (without decoding the rest), or empty when absent or damaged. */
    static Optional<byte[]> structure(byte[] raw) {
        try {
            byte[] s = new In(raw).blob();
            return s.length == 0 ? Optional.empty() : Optional.of(s);
        } catch (Damaged e) {
            return Optional.empty();
        }
    }

    /**
     * The fields named {@code lowerName} (lower case), building only those; empty when the name was not captured
     * or the record is damaged.
     */
    static Optional<MimeHeader> header(byte[] raw, String lowerName) {
        try {
            In in = new In(raw);
            in.skip(in.count());
            byte[] wanted = lowerName.getBytes(StandardCharsets.ISO_8859_1);
            boolean captured = false;
            int names = in.count();
            for (int i = 0; i < names; i++) {
                int len = in.count();
                if (!captured && len == wanted.length && in.equalsIgnoreCase(wanted)) captured = true;
                in.skip(len);
            }
            if (!captured) return Optional.empty();
            int n = in.count();
            List<HeaderField> fields = new ArrayList<>(1);
            for (int i = 0; i < n; i++) {
                int len = in.count();
                boolean match = len == wanted.length && in.equalsIgnoreCase(wanted);
                String name = match ? in.latin1(len) : null;
                if (!match) in.skip(len);
                int valueLength = in.count();
                if (match) fields.add(new HeaderField(name, in.latin1(valueLength)));
                else in.skip(valueLength);
            }
            return Optional.of(new MimeHeader(fields));
        } catch (Damaged e) {
            return Optional.empty();
        }
    }

    private static final class Damaged extends RuntimeException {
        Damaged() {
            super(null, null, false, false);
        }
    }

    private static final class Out {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);

        void varint(long v) {
            while ((v & ~0x7FL) != 0) {
                bytes.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            bytes.write((int) v);
        }

        void blob(byte[] b) {
            varint(b.length);
            bytes.write(b, 0, b.length);
        }

        void str(String s) {
            blob(s.getBytes(StandardCharsets.ISO_8859_1)); // byte strings: one char per stored byte
        }
    }

    private static final class In {
        final byte[] raw;
        int pos;

        In(byte[] raw) {
            this.raw = raw;
            if (raw.length == 0 || raw[0] != VERSION) throw new Damaged();
            pos = 1;
        }

        /** A length or count: non-negative and never more than the bytes left. */
        int count() {
            long v = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                if (pos >= raw.length) throw new Damaged();
                int b = raw[pos++] & 0xff;
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    if (v > raw.length - pos) throw new Damaged();
                    return (int) v;
                }
            }
            throw new Damaged();
        }

        void skip(int len) {
            if (len > raw.length - pos) throw new Damaged();
            pos += len;
        }

        byte[] blob() {
            int len = count();
            byte[] b = java.util.Arrays.copyOfRange(raw, pos, pos + len);
            pos += len;
            return b;
        }

        String str() {
            return latin1(count());
        }

        String latin1(int len) {
            if (len > raw.length - pos) throw new Damaged();
            String s = new String(raw, pos, len, StandardCharsets.ISO_8859_1);
            pos += len;
            return s;
        }

        /** Whether the next {@code lower.length} bytes are {@code lower} in any ASCII case (position unchanged). */
        boolean equalsIgnoreCase(byte[] lower) {
            if (lower.length > raw.length - pos) return false;
            for (int i = 0; i < lower.length; i++) {
                int c = raw[pos + i];
                if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
                if (c != lower[i]) return false;
            }
            return true;
        }
    }
}
