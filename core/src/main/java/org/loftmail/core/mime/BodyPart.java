package org.loftmail.core.mime;

import java.util.List;

/**
 * The cacheable structure of one part: its MIME fields, where its header and body lie in the raw file, its
 * children (multipart) and, for message/rfc822, the summary of the carried message. Everything BODY,
 * BODYSTRUCTURE and BODY[section] need, without the header fields.
 */
public record BodyPart(MimeFields fields, Span header, Span body, List<BodyPart> children, MessageSummary message) {
    public BodyPart {
        if (fields == null || header == null || body == null) {
            throw new IllegalArgumentException("incomplete body part");
        }
        children = List.copyOf(children);
    }

    public boolean isMultipart() {
        return fields.isMultipart();
    }

    static BodyPart of(MimePart part) {
        List<BodyPart> kids = part.children().stream().map(BodyPart::of).toList();
        MessageSummary nested = part.message() == null ? null : MessageSummary.of(part.message());
        return new BodyPart(part.fields(), part.headerSpan(), part.bodySpan(), kids, nested);
    }
}
