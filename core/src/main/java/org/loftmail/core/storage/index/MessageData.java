package org.loftmail.core.storage.index;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.loftmail.core.mime.BinaryContent;
import org.loftmail.core.mime.HeaderField;
import org.loftmail.core.mime.MessageSummary;
import org.loftmail.core.mime.MimeHeader;
import org.loftmail.core.mime.MimeMessage;
import org.loftmail.core.mime.StructureCodec;

/**
 * Everything Loft learns by parsing one stored message, kept in {@code loft.cache} by {@link ParsedMessageCache}:
 * the ENVELOPE, BODYSTRUCTURE and section offsets ({@link StructureCodec}'s bytes, decoded only when asked for),
 * the raw top-level header fields SEARCH, SORT and THREAD read, and the decoded sizes of BINARY sections already
 * measured. Any part may be missing (a SEARCH reads only the header; FETCH BINARY.SIZE learns one part at a time);
 * {@link #merge} combines what two readers learned about the same message.
 *
 * @param structure   the structure as {@link StructureCodec} bytes, or null when not parsed yet
 * @param fieldNames  lower-case names of the header fields captured: a name here without fields in {@code fields}
 *                    means the message has no such field, a name not here means "not looked at yet"
 * @param fields      the captured fields as stored, in header order
 * @param binarySizes BINARY.SIZE results by part ("1.2", "" for the whole message)
 */
public record MessageData(byte[] structure, Set<String> fieldNames, List<HeaderField> fields,
        Map<String, BinaryContent.Measure> binarySizes) {

    /**
     * Fields every message gets when its header is read: SEARCH's FROM/TO/CC/BCC/SUBJECT/SENT*, SORT's keys and
     * THREAD's Message-ID/In-Reply-To/References. SEARCH HEADER adds the field it asks for.
     */
    public static final Set<String> STANDARD_FIELDS = Set.of("subject", "from", "to", "cc", "bcc", "date",
            "message-id", "in-reply-to", "references");

    public static final MessageData EMPTY = new MessageData(null, Set.of(), List.of(), Map.of());

    public MessageData {
        fieldNames = Set.copyOf(fieldNames);
        fields = List.copyOf(fields);
        binarySizes = Map.copyOf(binarySizes);
    }

    /** What one full parse of the stored message gives: structure and the standard header fields. */
    public static MessageData of(MimeMessage parsed) {
        return EMPTY.withStructure(MessageSummary.of(parsed.root())).withHeader(parsed.header(), STANDARD_FIELDS);
    }

    /** The parsed structure, or empty when not parsed yet or when the stored bytes are damaged. */
    public Optional<MessageSummary> summary() {
        if (structure == null) return Optional.empty();
        try {
            return Optional.of(StructureCodec.decode(structure));
        } catch (StructureCodec.CorruptStructureException e) {
            return Optional.empty();
        }
    }

    public MessageData withStructure(MessageSummary summary) {
        return new MessageData(StructureCodec.encode(summary), fieldNames, fields, binarySizes);
    }

    /** Captures the fields named {@code names} (and those already captured) from the message's own header. */
    public MessageData withHeader(MimeHeader header, Collection<String> names) {
        Set<String> wanted = new HashSet<>(fieldNames);
        for (String n : names) wanted.add(n.toLowerCase(Locale.ROOT));
        List<HeaderField> kept = new ArrayList<>();
        for (HeaderField f : header.fields()) if (wanted.contains(f.name().toLowerCase(Locale.ROOT))) kept.add(f);
        return new MessageData(structure, wanted, kept, binarySizes);
    }

    public MessageData withBinarySize(String part, BinaryContent.Measure measure) {
        Map<String, BinaryContent.Measure> sizes = new LinkedHashMap<>(binarySizes);
        sizes.put(part, measure);
        return new MessageData(structure, fieldNames, fields, sizes);
    }

    /** The fields named {@code name} (any case), or empty when that name was not captured. */
    public Optional<MimeHeader> header(String name) {
        if (!fieldNames.contains(name.toLowerCase(Locale.ROOT))) return Optional.empty();
        List<HeaderField> out = new ArrayList<>();
        for (HeaderField f : fields) if (f.is(name)) out.add(f);
        return Optional.of(new MimeHeader(out));
    }

    /**
     * What this and {@code older} know together (both describe the same stored message, which never changes):
     * this side's values win where both have one.
     */
    public MessageData merge(MessageData older) {
        byte[] s = structure != null ? structure : older.structure;
        Set<String> names = new HashSet<>(older.fieldNames);
        names.addAll(fieldNames);
        List<HeaderField> merged = new ArrayList<>(fields);
        for (HeaderField f : older.fields) {
            if (!fieldNames.contains(f.name().toLowerCase(Locale.ROOT))) merged.add(f);
        }
        Map<String, BinaryContent.Measure> sizes = new LinkedHashMap<>(older.binarySizes);
        sizes.putAll(binarySizes);
        return new MessageData(s, names, merged, sizes);
    }
}
