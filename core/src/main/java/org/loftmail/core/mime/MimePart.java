package org.loftmail.core.mime;

import java.util.List;

/**
 * One entity of a parsed message: its header, where its header and body lie in the raw file, its MIME fields,
 * and its children (multipart) or the message it carries (message/rfc822). The root is the message itself.
 *
 * @param message for a message/rfc822 part, the root entity of the carried message; otherwise null
 */
public record MimePart(MimeHeader header, Span headerSpan, Span bodySpan, MimeFields fields, List<MimePart> children,
                       MimePart message) {
    public MimePart {
        if (header == null || headerSpan == null || bodySpan == null || fields == null) {
            throw new IllegalArgumentException("incomplete part");
        }
        children = List.copyOf(children);
    }

    /** Header and body together. */
    public Span wholeSpan() {
        return new Span(headerSpan.offset(), headerSpan.rawSize() + bodySpan.rawSize(),
                headerSpan.size() + bodySpan.size(), headerSpan.lines() + bodySpan.lines());
    }

    /** The ENVELOPE of this entity's header. */
    public Envelope envelope() {
        return Envelope.of(header);
    }
}
