package org.loftmail.core.mime;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Walks an entity of a parsed message in file order and lists the {@link PieceStream.Piece}s that rebuild it with
 * some leaves transformed: boundaries, preambles and untouched parts are copied, and a {@link LeafRule} decides
 * what becomes of each leaf's header and body. Shared by BINARY[] (decode) and literal8 APPEND (encode).
 */
final class PieceWalker {

    /** A header read into memory to be rewritten is cut at this size. */
    static final int MAX_REWRITTEN_HEADER = 1 << 20;

    /** What happens to a leaf (neither multipart nor message/rfc822), given its transfer encoding in lower case. */
    interface LeafRule {
        /** Null to copy the header; otherwise the header's new bytes, given its current ones. */
        byte[] header(String encoding, HeaderBytes current) throws IOException;

        /** The piece that stands for the body. */
        PieceStream.Piece body(BodyPart leaf, String encoding) throws BinaryContent.UnknownEncodingException;
    }

    /** Reads a header's bytes only when a rule needs them. */
    @FunctionalInterface
    interface HeaderBytes {
        byte[] read() throws IOException;
    }

    private final BinaryContent.Source source;
    private final LeafRule rule;
    private final boolean crlf;
    private final List<PieceStream.Piece> pieces = new ArrayList<>();
    /** The root entities of the message and of the messages its message/rfc822 parts carry. */
    private final Set<BodyPart> messageRoots = Collections.newSetFromMap(new IdentityHashMap<>());

    /** {@code crlf}: copied ranges go out with CRLF line ends (IMAP) rather than as stored. */
    PieceWalker(MessageSummary message, BinaryContent.Source source, LeafRule rule, boolean crlf) {
        this.source = source;
        this.rule = rule;
        this.crlf = crlf;
        addRoots(message);
    }

    List<PieceStream.Piece> pieces() {
        return List.copyOf(pieces);
    }

    private void addRoots(MessageSummary m) {
        messageRoots.add(m.root());
        addCarried(m.root());
    }

    private void addCarried(BodyPart p) {
        if (p.message() != null) addRoots(p.message());
        for (BodyPart c : p.children()) addCarried(c);
    }

    /**
     * The leaf's transfer encoding. The MIME layer, as Dovecot's BODYSTRUCTURE, ignores the Content-* fields of a
     * message header without MIME-Version; Dovecot's BINARY and its literal8 APPEND still go by them, so the header
     * of a single-part message is looked at again here.
     */
    String encoding(BodyPart p) throws IOException {
        String e = p.fields().encodingLower().trim();
        if (e.equals("7bit") && messageRoots.contains(p) && isLeaf(p)) {
            String field = BinaryContent.HeaderRewrite.encodingField(readHeader(p.header()));
            if (field != null) e = field;
        }
        return e;
    }

    static boolean isLeaf(BodyPart p) {
        return !p.isMultipart() && p.message() == null;
    }

    byte[] readHeader(Span header) throws IOException {
        try (InputStream in = new PieceStream(source.openPhysical(), List.of(new PieceStream.Raw(header, crlf)))) {
            return in.readNBytes(MAX_REWRITTEN_HEADER);
        }
    }

    /** Header and body of an entity. */
    void entity(BodyPart p) throws IOException, BinaryContent.UnknownEncodingException {
        if (isLeaf(p) && p.header().rawSize() > MAX_REWRITTEN_HEADER) {
            // a header this large is not rewritten; the part goes as stored so header and body still agree
            raw(p.header(), crlf);
            raw(p.body(), crlf);
            return;
        }
        byte[] header = isLeaf(p) ? rule.header(encoding(p), () -> readHeader(p.header())) : null;
        if (header != null) {
            pieces.add(new PieceStream.Rewritten(p.header(), header));
        } else {
            raw(p.header(), crlf);
        }
        body(p);
    }

    /** The body of an entity, the leaves inside it transformed by the rule. */
    void body(BodyPart p) throws IOException, BinaryContent.UnknownEncodingException {
        if (p.isMultipart()) {
            long cursor = p.body().offset();
            for (BodyPart child : p.children()) {
                long start = child.header().offset();
                if (start > cursor) raw(between(cursor, start), crlf);
                entity(child);
                cursor = Math.max(cursor, child.body().end());
            }
            if (p.body().end() > cursor) raw(between(cursor, p.body().end()), crlf);
            return;
        }
        if (p.message() != null) {
            BodyPart carried = p.message().root();
            if (carried.header().offset() > p.body().offset()) raw(between(p.body().offset(), carried.header().offset()), crlf);
            entity(carried);
            long end = carried.body().end();
            if (p.body().end() > end) raw(between(end, p.body().end()), crlf);
            return;
        }
        PieceStream.Piece piece = rule.body(p, encoding(p));
        if (!(piece instanceof PieceStream.Raw r) || r.span().rawSize() > 0) pieces.add(piece);
    }

    private void raw(Span s, boolean crlf) {
        if (s.rawSize() > 0) pieces.add(new PieceStream.Raw(s, crlf));
    }

    /** A range between two pieces; its CRLF size is only known once read, which the stream does. */
    private static Span between(long from, long to) {
        return new Span(from, to - from, to - from, 0);
    }
}
