package org.loftmail.imap.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.loftmail.core.mime.BinaryContent;
import org.loftmail.core.mime.CrlfInputStream;
import org.loftmail.core.mime.MessageSummary;
import org.loftmail.core.mime.SectionLocator;
import org.loftmail.core.mime.Span;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.imap.codec.Section;

/**
 * One message's parts for FETCH: its parsed structure (the storage's parse-once data, {@link
 * SelectedMailbox#structure}) and the bytes of a BODY[section] with CRLF line ends, streamed.
 */
final class MessageSections {

    /** A header is read into memory only for HEADER.FIELDS filtering; larger headers are cut there. */
    private static final int MAX_FILTERED_HEADER = 1 << 20;

    private final SelectedMailbox view;
    private final long uid;
    private MessageSummary summary;

    MessageSections(SelectedMailbox view, long uid) {
        this.view = view;
        this.uid = uid;
    }

    MessageSummary summary() throws IOException {
        if (summary == null) summary = view.structure(uid);
        return summary;
    }

    /** The section's content with its exact size, or empty when the section does not exist. */
    record Content(InputStream stream, long size) {}

    Optional<Content> section(Section section, long virtualSize) throws IOException {
        if (section.part().isEmpty() && section.kind() == Section.Kind.ALL) {
            // NUL cannot go in a literal: sent as 0x80, as Dovecot does (BINARY[] sends it in a literal8)
            return Optional.of(new Content(new CrlfInputStream(view.openPhysical(uid), true), virtualSize));
        }
        String locate = locatorSpec(section);
        Optional<Span> span = SectionLocator.locate(summary(), locate);
        if (span.isEmpty()) return Optional.empty();
        Span s = span.get();
        if (section.kind() == Section.Kind.HEADER_FIELDS || section.kind() == Section.Kind.HEADER_FIELDS_NOT) {
            byte[] filtered = filterHeader(read(s), section.fields(), section.kind() == Section.Kind.HEADER_FIELDS);
            return Optional.of(new Content(new java.io.ByteArrayInputStream(filtered), filtered.length));
        }
        return Optional.of(new Content(stream(s), s.size()));
    }

    /**
     * The content of {@code BINARY[part]} (RFC 3516), or empty when the part does not exist; throws
     * {@link BinaryContent.UnknownEncodingException} for an encoding Loft cannot undo.
     */
    Optional<BinaryContent> binary(List<Integer> part) throws IOException, BinaryContent.UnknownEncodingException {
        return BinaryContent.of(summary(), part, () -> view.openPhysical(uid));
    }

    /** The decoded size of a BINARY section and whether it goes as a literal8 (measured once, then kept). */
    BinaryContent.Measure measure(List<Integer> part, BinaryContent content) throws IOException {
        return view.binarySize(uid, partSpec(part), content);
    }

    static String partSpec(List<Integer> part) {
        StringBuilder sb = new StringBuilder();
        for (int p : part) {
            if (!sb.isEmpty()) sb.append('.');
            sb.append(p);
        }
        return sb.toString();
    }

    private static String locatorSpec(Section section) {
        StringBuilder sb = new StringBuilder();
        for (int p : section.part()) {
            if (!sb.isEmpty()) sb.append('.');
            sb.append(p);
        }
        String text = switch (section.kind()) {
            case ALL -> "";
            case HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT -> "HEADER";
            case TEXT -> "TEXT";
            case MIME -> "MIME";
        };
        if (!text.isEmpty()) {
            if (!sb.isEmpty()) sb.append('.');
            sb.append(text);
        }
        return sb.toString();
    }

    /** The span's bytes as IMAP sends them (bare LF as CRLF). */
    private InputStream stream(Span s) throws IOException {
        InputStream raw = view.openPhysical(uid);
        try {
            raw.skipNBytes(s.offset());
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
        return new CrlfInputStream(new java.io.FilterInputStream(raw) {
            private long left = s.rawSize();

            @Override
            public int read() throws IOException {
                if (left <= 0) return -1;
                int c = super.read();
                if (c >= 0) left--;
                return c;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) return -1;
                int n = super.read(b, off, (int) Math.min(len, left));
                if (n > 0) left -= n;
                return n;
            }
        }, true); // NUL as 0x80, as Dovecot does in BODY[]
    }

    private byte[] read(Span s) throws IOException {
        try (InputStream in = stream(s)) {
            return in.readNBytes(MAX_FILTERED_HEADER);
        }
    }

    /** Keeps (or drops) the named fields, unfolded lines kept as they are; ends with the blank line. */
    static byte[] filterHeader(byte[] header, List<String> names, boolean keep) {
        String text = new String(header, StandardCharsets.ISO_8859_1);
        List<String> wanted = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] lines = text.split("\r\n", -1);
        boolean including = false;
        for (String line : lines) {
            if (line.isEmpty()) break;
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (including) out.writeBytes((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                continue;
            }
            int colon = line.indexOf(':');
            String name = (colon < 0 ? line : line.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
            including = colon > 0 && wanted.contains(name) == keep;
            if (including) out.writeBytes((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
