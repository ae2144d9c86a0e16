package org.loftmail.core.mime;

import java.util.Optional;

/**
 * What the index caches for one message (or for a message/rfc822 part): its ENVELOPE and the structure of its
 * parts with their offsets. {@link StructureCodec} turns it into opaque bytes and back.
 */
public record MessageSummary(Envelope envelope, BodyPart root) {
    public MessageSummary {
        if (envelope == null || root == null) {
            throw new IllegalArgumentException("incomplete summary");
        }
    }

    public static MessageSummary of(MimePart root) {
        return new MessageSummary(root.envelope(), BodyPart.of(root));
    }

    /** RFC822.SIZE: the whole message with CRLF line ends. */
    public long size() {
        return root.header().size() + root.body().size();
    }

    /** ENVELOPE text, as IMAP sends it. */
    public byte[] envelopeBytes() {
        return ImapWriter.envelope(envelope);
    }

    /** BODYSTRUCTURE text (with extension data), as IMAP sends it. */
    public byte[] bodyStructureBytes() {
        return ImapWriter.bodyStructure(root, true);
    }

    /** BODY text (no extension data), as IMAP sends it. */
    public byte[] bodyBytes() {
        return ImapWriter.bodyStructure(root, false);
    }

    /** The compact binary form for the index cache. */
    public byte[] toBytes() {
        return StructureCodec.encode(this);
    }

    /** Reads {@link #toBytes()} back; throws {@link StructureCodec.CorruptStructureException} on bad input. */
    public static MessageSummary fromBytes(byte[] bytes) {
        return StructureCodec.decode(bytes);
    }

    /** Where a BODY[section] lies in the raw file; see {@link SectionLocator}. */
    public Optional<Span> section(String section) {
        return SectionLocator.locate(this, section);
    }
}
