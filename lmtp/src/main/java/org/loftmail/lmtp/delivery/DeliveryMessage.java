package org.loftmail.lmtp.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The message being delivered, shared by all its recipients: the spooled bytes and the header fields, read once
 * (not once per recipient) on first use.
 */
public final class DeliveryMessage {

    /** Headers past this size are not looked at for logging and filtering (the message itself is kept whole). */
    static final int MAX_HEADER_BYTES = 256 * 1024;

    private final MessageSpool spool;
    private List<String[]> headers;

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

    /** The first field of that name, unfolded and trimmed. */
    public Optional<String> header(String name) throws IOException {
        for (String[] field : headers()) {
            if (field[0].equalsIgnoreCase(name)) {
                return Optional.of(field[1]);
            }
        }
        return Optional.empty();
    }

    /** Every header field in order, as {name, unfolded value}. */
    public List<String[]> headers() throws IOException {
        if (headers == null) {
            headers = readHeaders();
        }
        return headers;
    }

    /** The Message-ID for log lines, or empty. */
    public String messageId() {
        try {
            return header("Message-ID").map(DeliveryMessage::logSafe).orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    public String subject() {
        try {
            return header("Subject").map(DeliveryMessage::logSafe).orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    public String from() {
        try {
            return header("From").map(DeliveryMessage::logSafe).orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    private List<String[]> readHeaders() throws IOException {
        List<String[]> fields = new ArrayList<>();
        try (InputStream in = spool.open()) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(128);
            StringBuilder current = null;
            int total = 0;
            int b;
            while ((b = in.read()) >= 0 && total++ < MAX_HEADER_BYTES) {
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                if (text.endsWith("\r")) {
                    text = text.substring(0, text.length() - 1);
                }
                if (text.isEmpty()) {
                    break; // end of the header
                }
                if ((text.charAt(0) == ' ' || text.charAt(0) == '\t') && current != null) {
                    current.append(' ').append(text.strip());
                    continue;
                }
                if (current != null) {
                    addField(fields, current.toString());
                }
                current = new StringBuilder(text);
            }
            if (current != null) {
                addField(fields, current.toString());
            }
        }
        return List.copyOf(fields);
    }

    private static void addField(List<String[]> fields, String raw) {
        int colon = raw.indexOf(':');
        if (colon <= 0) {
            return; // not a header field (a body without header, or garbage): ignore
        }
        fields.add(new String[] {raw.substring(0, colon).strip(), raw.substring(colon + 1).strip()});
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
