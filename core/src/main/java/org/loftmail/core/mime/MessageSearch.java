package org.loftmail.core.mime;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Path;

/**
 * IMAP SEARCH BODY and TEXT over a stored message, streaming (RFC 3501 section 6.4.4, RFC 9051 section 6.4.4):
 * BODY looks in the decoded text of the text/* and message/* parts (transfer encoding and charset undone, as
 * Dovecot does without full-text search); TEXT also looks in every header, with encoded-words decoded.
 * Matching is {@link SubstringMatcher}'s case-insensitive comparison; a needle never spans two parts.
 */
public final class MessageSearch {
    private MessageSearch() {}

    /** Opens the raw bytes of a span of the stored message (at most {@code span.rawSize()} bytes). */
    @FunctionalInterface
    public interface RawSource {
        InputStream open(Span span) throws IOException;
    }

    /** Reads spans from a message file. */
    public static RawSource of(Path file) {
        return span -> {
            var ch = java.nio.file.Files.newByteChannel(file);
            ch.position(span.offset());
            return new CrlfInputStream.BoundedInputStream(
                    new java.io.BufferedInputStream(java.nio.channels.Channels.newInputStream(ch), 16384),
                    span.rawSize());
        };
    }

    public static boolean bodyContains(MessageSummary message, RawSource source, String needle) throws IOException {
        return search(message.root(), source, new SubstringMatcher(needle), false);
    }

    public static boolean textContains(MessageSummary message, RawSource source, String needle) throws IOException {
        SubstringMatcher m = new SubstringMatcher(needle);
        return header(message.root().header(), source, m) || search(message.root(), source, m, true);
    }

    /** Whether an unfolded, decoded header value contains the needle (SEARCH SUBJECT, FROM, HEADER …). */
    public static boolean headerValueContains(String rawValue, String needle) {
        return SubstringMatcher.contains(
                EncodedWords.decode(new HeaderField("x", rawValue.replace("\r\n", "\n")).value()), needle);
    }

    private static boolean search(BodyPart part, RawSource source, SubstringMatcher m, boolean headers)
            throws IOException {
        if (part.isMultipart()) {
            for (BodyPart child : part.children()) {
                if (headers && header(child.header(), source, m)) {
                    return true;
                }
                if (search(child, source, m, headers)) {
                    return true;
                }
            }
            return false;
        }
        if (part.message() != null) {
            BodyPart carried = part.message().root();
            return headers && header(carried.header(), source, m) || search(carried, source, m, headers);
        }
        MimeFields f = part.fields();
        if (!f.isText() && !f.type().equalsIgnoreCase("message")) {
            return false;
        }
        if (part.body().rawSize() == 0) {
            return false;
        }
        m.reset();
        try (InputStream raw = source.open(part.body()); Reader text = TransferDecoding.text(raw, f)) {
            return m.feed(text);
        }
    }

    private static boolean header(Span span, RawSource source, SubstringMatcher m) throws IOException {
        if (span.rawSize() == 0) {
            return false;
        }
        byte[] bytes;
        try (InputStream in = source.open(span)) {
            bytes = in.readNBytes((int) Math.min(span.rawSize(), MimeParser.MAX_HEADER_BYTES));
        }
        m.reset();
        return m.feed(EncodedWords.decode(unfoldHeaderBlock(ByteStrings.of(bytes))));
    }

    /** Joins folded lines and keeps one LF between fields, so a needle cannot run from one field into the next. */
    static String unfoldHeaderBlock(String block) {
        StringBuilder sb = new StringBuilder(block.length());
        int n = block.length();
        for (int i = 0; i < n; i++) {
            char c = block.charAt(i);
            if (c == '\r') {
                continue;
            }
            if (c == '\n') {
                char next = i + 1 < n ? block.charAt(i + 1) : '\n';
                if (next != ' ' && next != '\t') {
                    sb.append('\n');
                }
                continue;
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
