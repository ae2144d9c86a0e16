package org.loftmail.core.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.loftmail.core.mime.ByteStrings;
import org.loftmail.core.mime.HeaderField;
import org.loftmail.core.mime.MimeHeader;
import org.loftmail.core.mime.MimeMessage;

/**
 * The message being delivered, shared by all its recipients: its bytes as received, and its top-level header and
 * MIME structure, each parsed once for all recipients (an implementation parses on first use, not per recipient).
 * A filter reads it; it never changes it.
 */
public interface DeliveryMessage {

    /** The message as received, from its first byte. Each call opens a new stream. */
    InputStream open() throws IOException;

    /** Size in bytes. */
    long size();

    /** The parsed message (header fields, MIME structure). */
    MimeMessage mime() throws IOException;

    /**
     * The top-level header alone: what log lines and header tests need, without walking through the body's
     * attachments.
     */
    MimeHeader header() throws IOException;

    /** The first field of that name, unfolded, as UTF-8 text. */
    default Optional<String> header(String name) throws IOException {
        Optional<HeaderField> field = header().first(name);
        return field.map(f -> ByteStrings.utf8(f.value()).strip());
    }

    /** The Message-ID for log lines, or empty. */
    default String messageId() {
        return safeHeader(this, "Message-ID");
    }

    default String subject() {
        return safeHeader(this, "Subject");
    }

    default String from() {
        return safeHeader(this, "From");
    }

    private static String safeHeader(DeliveryMessage message, String name) {
        try {
            return message.header(name).map(DeliveryMessage::logSafe).orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    /** Printable text for a log line: controls become spaces, length is capped. */
    static String logSafe(String value) {
        StringBuilder b = new StringBuilder(Math.min(value.length(), 200));
        for (int i = 0; i < value.length() && b.length() < 200; i++) {
            char c = value.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return b.toString();
    }
}
