package org.loftmail.smtp.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.loftmail.core.delivery.DeliveryMessage;
import org.loftmail.core.mime.MimeHeader;
import org.loftmail.core.mime.MimeMessage;
import org.loftmail.core.mime.MimeParser;

/**
 * A received message as the delivery contract sees it: the spooled bytes, their top-level header and their MIME
 * structure, each parsed once (on first use, not once per recipient) by core's {@link MimeParser}.
 */
public final class SpooledMessage implements DeliveryMessage {

    private final MessageSpool spool;
    private MimeMessage mime;
    private MimeHeader header;

    /** {@code spool} must be finished; the caller keeps owning (and closes) it. */
    public SpooledMessage(MessageSpool spool) {
        this.spool = Objects.requireNonNull(spool, "spool");
    }

    @Override
    public InputStream open() throws IOException {
        return spool.open();
    }

    @Override
    public long size() {
        return spool.size();
    }

    @Override
    public synchronized MimeMessage mime() throws IOException {
        if (mime == null) {
            try (InputStream in = spool.open()) {
                mime = MimeParser.parse(in);
            }
        }
        return mime;
    }

    /** Read without parsing the body: a few hundred bytes, not a walk through every attachment. */
    @Override
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
}
