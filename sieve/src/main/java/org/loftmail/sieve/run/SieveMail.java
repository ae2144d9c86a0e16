package org.loftmail.sieve.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.loftmail.core.delivery.DeliveryMessage;
import org.loftmail.core.mime.HeaderField;
import org.loftmail.core.mime.MimeHeader;
import org.loftmail.core.mime.MimeMessage;
import org.loftmail.core.mime.MimeParser;
import org.loftmail.core.mime.MimePart;
import org.loftmail.core.mime.TransferDecoding;

/**
 * The message as a script reads it: the top-level header (always), and the MIME structure and raw bytes only when a
 * body, mime or foreverypart test asks (read once, then kept for the rest of the run). Header edits by editheader
 * apply to the header the script sees.
 */
public final class SieveMail {

    /** Body text read for body tests and extracttext is cut here, so a huge attachment cannot exhaust memory. */
    static final int MAX_BODY_TEXT = 1 << 20;

    private final DeliveryMessage message;
    private List<HeaderField> header;
    private byte[] raw;
    private boolean edited;

    public SieveMail(DeliveryMessage message) {
        this.message = message;
    }

    /** The message size, after editheader's changes (RFC 5293 section 8: later tests see the edited message). */
    public long size() {
        return edited ? editedContent().length : message.size();
    }

    public List<HeaderField> header() {
        if (header == null) {
            try {
                header = new ArrayList<>(message.header().fields());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return header;
    }

    /** The header with editheader's changes, for tests that read it. */
    List<HeaderField> mutableHeader() {
        return header();
    }

    void edited() {
        edited = true;
    }

    /**
     * The header as editheader left it, serialised (fields with the message's line ends, then the empty line), or null
     * when no script changed it: the delivery stores and forwards this header before the original body.
     */
    public byte[] editedHeader() {
        if (!edited) return null;
        // the edited header keeps the message's own line ends (lda may hand over LF-only mail)
        byte[] all = raw();
        int lf = 0;
        while (lf < all.length && all[lf] != '\n') lf++;
        String eol = lf > 0 && lf < all.length && all[lf - 1] == '\r' || lf == all.length ? "\r\n" : "\n";
        StringBuilder b = new StringBuilder();
        for (HeaderField f : header()) {
            b.append(f.name()).append(": ")
                    .append(f.rawValue().replace("\r\n", "\n").replace("\r", "").replace("\n", eol)).append(eol);
        }
        b.append(eol);
        return b.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** The whole message with editheader's changes (the original when there are none). */
    public byte[] editedContent() {
        byte[] h = editedHeader();
        if (h == null) return content();
        byte[] all = raw();
        int bodyStart = (int) Math.min(mime().root().bodySpan().offset(), all.length);
        byte[] out = new byte[h.length + all.length - bodyStart];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(all, bodyStart, out, h.length, all.length - bodyStart);
        return out;
    }

    MimeMessage mime() {
        try {
            return message.mime();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole message as received (read once, then kept for the run). */
    public byte[] content() {
        return raw();
    }

    byte[] raw() {
        if (raw == null) {
            try (InputStream in = message.open()) {
                raw = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return raw;
    }

    /** The raw body (everything after the top-level header) as a byte string. */
    String rawBody() {
        MimePart root = mime().root();
        long start = root.bodySpan().offset();
        long end = Math.min(root.bodySpan().end(), raw().length);
        int len = (int) Math.min(end - start, MAX_BODY_TEXT);
        return new String(raw(), (int) start, Math.max(0, len), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Every leaf part and carried message, depth first, the root first. */
    List<MimePart> parts() {
        List<MimePart> out = new ArrayList<>();
        walk(mime().root(), out);
        return out;
    }

    private static void walk(MimePart p, List<MimePart> out) {
        out.add(p);
        for (MimePart c : p.children()) walk(c, out);
        if (p.message() != null) walk(p.message(), out);
    }

    /** A part's body as text, transfer encoding and charset undone, cut at {@link #MAX_BODY_TEXT}. */
    String text(MimePart p) {
        long start = p.bodySpan().offset();
        long end = Math.min(p.bodySpan().end(), raw().length);
        InputStream in = new java.io.ByteArrayInputStream(raw(), (int) start, (int) Math.max(0, end - start));
        try (Reader r = TransferDecoding.text(in, p.fields())) {
            StringBuilder b = new StringBuilder();
            char[] buf = new char[8192];
            int n;
            while ((n = r.read(buf)) > 0 && b.length() < MAX_BODY_TEXT) b.append(buf, 0, n);
            return b.length() > MAX_BODY_TEXT ? b.substring(0, MAX_BODY_TEXT) : b.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A message from bytes, for tests and the command-line checker. */
    public static SieveMail of(byte[] bytes) {
        MimeMessage parsed = MimeParser.parse(bytes);
        return new SieveMail(new DeliveryMessage() {
            @Override
            public InputStream open() {
                return new java.io.ByteArrayInputStream(bytes);
            }

            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public MimeMessage mime() {
                return parsed;
            }

            @Override
            public MimeHeader header() {
                return parsed.header();
            }
        });
    }
}
