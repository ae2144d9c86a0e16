package org.loftmail.core.mime;

/** A parsed message: the root entity with every header kept. */
public record MimeMessage(MimePart root) {
    public MimeMessage {
        if (root == null) {
            throw new IllegalArgumentException("no root");
        }
    }

    public MessageSummary summary() {
        return MessageSummary.of(root);
    }

    public MimeHeader header() {
        return root.header();
    }
}
