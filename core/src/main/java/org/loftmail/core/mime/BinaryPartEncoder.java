package org.loftmail.core.mime;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * What a literal8 APPEND (RFC 3516 section 4.4, "the server MAY re-encode") saves, as Dovecot 2.3 does: every leaf
 * declared {@code Content-Transfer-Encoding: binary} is re-encoded as base64 in lines of 76 characters and its field
 * rewritten where it stands; everything else is kept as sent. The stored message is then valid MIME for clients
 * without BINARY, and its binary data survives storage's CRLF to LF normalisation; BINARY[] decodes it back.
 */
public final class BinaryPartEncoder {

    private BinaryPartEncoder() {}

    /** The message to store, or empty when no part is declared binary (store it as sent). */
    public static Optional<InputStream> encode(MessageSummary message, BinaryContent.Source source) throws IOException {
        PieceWalker w = new PieceWalker(message, source, ENCODE, false);
        try {
            w.entity(message.root());
        } catch (BinaryContent.UnknownEncodingException e) {
            throw new IllegalStateException("the encoding rule fails for no encoding", e);
        }
        List<PieceStream.Piece> pieces = w.pieces();
        if (pieces.stream().noneMatch(p -> p instanceof PieceStream.Base64Encoded)) return Optional.empty();
        return Optional.of(new PieceStream(source.openPhysical(), pieces));
    }

    private static final PieceWalker.LeafRule ENCODE = new PieceWalker.LeafRule() {
        @Override
        public byte[] header(String encoding, PieceWalker.HeaderBytes current) throws IOException {
            return encoding.equals("binary") ? BinaryContent.HeaderRewrite.withEncodingInPlace(current.read(), "base64") : null;
        }

        @Override
        public PieceStream.Piece body(BodyPart leaf, String encoding) {
            return encoding.equals("binary") ? new PieceStream.Base64Encoded(leaf.body()) : new PieceStream.Raw(leaf.body(), false);
        }
    };
}
