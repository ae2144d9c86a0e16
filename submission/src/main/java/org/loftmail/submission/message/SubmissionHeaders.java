package org.loftmail.submission.message;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import org.loftmail.core.mime.MimeHeader;

/**
 * The header fields submission puts on top of a message before it leaves, as Dovecot's submission service does:
 * a Received field for the authenticated submission (RFC 5321 section 4.4, RFC 3848's ESMTPSA), and Message-ID and
 * Date when the client did not give them (RFC 6409 section 8). Every value is cleaned of control characters, so
 * nothing the client sent (its EHLO name, its address) can start a header line of its own.
 *
 * <pre>
 * Received: from client.example.org ([192.0.2.1])
 * 	by mail.example.com with ESMTPSA
 * 	id Gn1oBRfvUFnjSQAAt0iQrw
 * 	(envelope-from &lt;jsmith@example.com&gt;); Mon, 23 Nov 2026 04:21:27 +0000
 * </pre>
 */
public final class SubmissionHeaders {

    private static final DateTimeFormatter RFC_5322 =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);
    private static final SecureRandom RANDOM = new SecureRandom();

    private SubmissionHeaders() {}

    /** What the Received field says about the submission. */
    public record Trace(String heloName, boolean oldHelo, String remoteIp, String hostname, String id,
            String sender, boolean secured, boolean authenticated, Instant arrival) {}

    /**
     * @param trace   the Received field's facts, or null for no Received field ({@code submission_add_received_header = no})
     * @param header  the message's own header, to see whether Message-ID and Date are there
     */
    public static byte[] build(Trace trace, MimeHeader header, String hostname, Instant now) {
        StringBuilder b = new StringBuilder(320);
        if (trace != null) {
            received(b, trace);
        }
        if (header.first("Message-ID").isEmpty()) {
            byte[] random = new byte[12];
            RANDOM.nextBytes(random);
            b.append("Message-ID: <").append(HexFormat.of().formatHex(random)).append('.')
                    .append(now.toEpochMilli()).append('@').append(clean(hostname)).append(">\r\n");
        }
        if (header.first("Date").isEmpty()) {
            b.append("Date: ").append(date(now)).append("\r\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void received(StringBuilder b, Trace t) {
        b.append("Received: from ").append(t.heloName().isEmpty() ? "unknown" : clean(t.heloName()));
        if (!t.remoteIp().isEmpty() && !t.remoteIp().equals("local")) {
            b.append(" ([").append(clean(t.remoteIp())).append("])");
        }
        String protocol = (t.oldHelo() ? "SMTP" : "ESMTP") + (t.oldHelo() ? "" : (t.secured() ? "S" : "")
                + (t.authenticated() ? "A" : ""));
        b.append("\r\n\tby ").append(clean(t.hostname())).append(" with ").append(protocol).append("\r\n");
        b.append("\tid ").append(clean(t.id())).append("\r\n");
        b.append("\t(envelope-from <").append(clean(t.sender())).append(">)");
        b.append("; ").append(date(t.arrival())).append("\r\n");
    }

    private static String date(Instant at) {
        return RFC_5322.format(ZonedDateTime.ofInstant(at, ZoneId.systemDefault()));
    }

    static String clean(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            b.append(c < 0x20 || c >= 0x7f ? '?' : c);
        }
        return b.toString();
    }
}
