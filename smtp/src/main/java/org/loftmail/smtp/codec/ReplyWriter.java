package org.loftmail.smtp.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The one place SMTP and LMTP replies become bytes. Every text is made safe here: CR, LF and other control characters
 * become spaces and non-ASCII becomes '?', so no handler can inject a line (or a second reply) through an address
 * or a message it echoes.
 */
public final class ReplyWriter {

    private ReplyWriter() {}

    public static byte[] encode(SmtpReply reply) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        List<String> lines = reply.lines();
        for (int i = 0; i < lines.size(); i++) {
            boolean last = i == lines.size() - 1;
            StringBuilder b = new StringBuilder(16 + lines.get(i).length());
            b.append(reply.code()).append(last ? ' ' : '-');
            // RFC 2034: the enhanced code starts every line of a reply that has one.
            if (!reply.enhanced().isEmpty()) {
                b.append(reply.enhanced()).append(' ');
            }
            b.append(safe(lines.get(i)));
            b.append("\r\n");
            out.writeBytes(b.toString().getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    /** Printable ASCII only; anything else becomes a space (controls) or '?' (non-ASCII). */
    public static String safe(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(' ');
            } else if (c > 0x7e) {
                b.append('?');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
