package org.loftmail.lmtp.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import org.loftmail.core.mime.ByteStrings;
import org.loftmail.core.mime.HeaderField;
import org.loftmail.core.mime.MimeHeader;
import org.loftmail.core.mime.MimeMessage;
import org.loftmail.core.mime.MimeParser;

/**
 * The message being delivered, shared by all its recipients: the spooled bytes, their top-level header and
 * their MIME structure, each parsed once (on first use, not once per recipient) by core's {@link MimeParser}.
 */
public final class DeliveryMessage {

    private final MessageSpool spool;
    private MimeMessage mime;
    private MimeHeader header;

    public DeliveryMessage(MessageSpool spool) {
        this.spool = Objects.requireNonNull(spool, "spool");
    }

    /** The message as received, from its first byte. */
    public InputStream open() throws IOException {
        return spool.open();
    }

    public long size() {
        return spool.size();
    }

    /** The parsed message (header fields, MIME structure), parsed on the first call only. */
    public synchronized MimeMessage mime() throws IOException {
        if (mime == null) {
            try (InputStream in = spool.open()) {
                mime = MimeParser.parse(in);
            }
        }
        return mime;
    }

    /**
     * The top-level header, read on the first call only and without parsing the body: what the log lines and
     * header tests need costs a few hundred bytes, not a walk through every attachment.
     */
    public synchronized MimeHeader header() throws IOException {
        if (header == null) {
            if (mime != null) {
                header = mime.header();
            } else {
                try (InputStream in = spool.open()) {
                    header = MimeParser.parseHeader(in);
                }
            }
        }
        return header;
    }

    /** The first field of that name, unfolded, as UTF-8 text. */
    public Optional<String> header(String name) throws IOException {
        Optional<HeaderField> field = header().first(name);
        return field.map(f -> ByteStrings.utf8(f.value()).strip());
    }

    /** The Message-ID for log lines, or empty. */
    public String messageId() {
        return safeHeader("Message-ID");
    }

    public String subject() {
        return safeHeader("Subject");
    }

    public String from() {
        return safeHeader("From");
    }

    private String safeHeader(String name) {
        try {
            return header(name).map(DeliveryMessage::logSafe).orElse("");
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
