package org.loftmail.submission.message;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import org.loftmail.core.delivery.DeliveryMessage;
import org.loftmail.core.mime.MimeHeader;
import org.loftmail.core.mime.MimeMessage;
import org.loftmail.core.mime.MimeParser;

/** A received message with header fields put on top (the relayed or delivered form). */
public final class PrefixedMessage implements DeliveryMessage {

    private final byte[] prefix;
    private final DeliveryMessage message;
    private MimeMessage mime;
    private MimeHeader header;

    public PrefixedMessage(byte[] prefix, DeliveryMessage message) {
        this.prefix = prefix.clone();
        this.message = message;
    }

    @Override
    public InputStream open() throws IOException {
        return new SequenceInputStream(new ByteArrayInputStream(prefix), message.open());
    }

    @Override
    public long size() {
        return prefix.length + message.size();
    }

    @Override
    public synchronized MimeMessage mime() throws IOException {
        if (mime == null) {
            try (InputStream in = open()) {
                mime = MimeParser.parse(in);
            }
        }
        return mime;
    }

    @Override
    public synchronized MimeHeader header() throws IOException {
        if (header == null) {
            try (InputStream in = open()) {
                header = MimeParser.parseHeader(in);
            }
        }
        return header;
    }
}
