package org.loftmail.lmtp.delivery;

import org.loftmail.core.delivery.Envelope;
import org.loftmail.core.delivery.DeliveryRecipient;
import org.loftmail.core.delivery.DeliveryMessage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The message a non-protocol reject (Sieve {@code reject}) sends back to the envelope sender: an RFC 3798
 * disposition notification, as Pigeonhole sends, with rejection_subject and rejection_reason, and the original
 * header attached.
 */
final class RejectionReport {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter RFC_5322 =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);
    private static final int MAX_ORIGINAL_HEADER = 64 * 1024;

    private RejectionReport() {}

    static byte[] build(Envelope envelope, DeliveryRecipient recipient, DeliveryMessage message, String reason,
            DeliverySettings settings) throws IOException {
        String to = recipient.address().address();
        String subject = message.subject();
        String postmaster = settings.postmasterAddress().replace("%d", recipient.address().domain());
        String boundary = envelope.sessionId() + "/" + HexFormat.of().toHexDigits(RANDOM.nextLong());
        String text = settings.rejectionReason()
                .replace("%n", "\r\n")
                .replace("%t", to)
                .replace("%s", subject)
                .replace("%r", TraceHeaders.clean(reason));
        StringBuilder b = new StringBuilder(1024);
        b.append("Message-ID: <").append(HexFormat.of().toHexDigits(RANDOM.nextLong())).append('.')
                .append(envelope.sessionId()).append('@').append(settings.hostname()).append(">\r\n");
        b.append("Date: ").append(RFC_5322.format(ZonedDateTime.now(ZoneId.systemDefault()))).append("\r\n");
        b.append("From: Mail Delivery Subsystem <").append(TraceHeaders.clean(postmaster)).append(">\r\n");
        b.append("To: <").append(TraceHeaders.clean(envelope.sender())).append(">\r\n");
        b.append("MIME-Version: 1.0\r\n");
        b.append("Content-Type: multipart/report; report-type=disposition-notification;\r\n\tboundary=\"")
                .append(boundary).append("\"\r\n");
        b.append("Subject: ").append(TraceHeaders.clean(settings.rejectionSubject().replace("%s", subject)))
                .append("\r\n");
        b.append("Auto-Submitted: auto-replied (rejected)\r\n");
        b.append("Precedence: bulk\r\n\r\n");
        b.append("This is a MIME-encapsulated message\r\n\r\n");
        b.append("--").append(boundary).append("\r\n");
        b.append("Content-Type: text/plain; charset=utf-8\r\nContent-Disposition: inline\r\n")
                .append("Content-Transfer-Encoding: 8bit\r\n\r\n");
        b.append(text).append("\r\n\r\n");
        b.append("--").append(boundary).append("\r\n");
        b.append("Content-Type: message/disposition-notification\r\n\r\n");
        b.append("Reporting-UA: ").append(settings.hostname()).append("; Loft Mail Delivery Agent\r\n");
        b.append("Final-Recipient: rfc822; ").append(TraceHeaders.clean(to)).append("\r\n");
        if (!message.messageId().isEmpty()) {
            b.append("Original-Message-ID: ").append(message.messageId()).append("\r\n");
        }
        b.append("Disposition: automatic-action/MDN-sent-automatically; deleted\r\n\r\n");
        b.append("--").append(boundary).append("\r\n");
        b.append("Content-Type: text/rfc822-headers\r\n\r\n");
        b.append(originalHeader(message));
        b.append("\r\n--").append(boundary).append("--\r\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String originalHeader(DeliveryMessage message) throws IOException {
        StringBuilder b = new StringBuilder();
        try (InputStream in = message.open()) {
            byte[] head = in.readNBytes(MAX_ORIGINAL_HEADER);
            String text = new String(head, StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                end = text.indexOf("\n\n");
            }
            b.append(end < 0 ? text : text.substring(0, end)).append("\r\n");
        }
        return b.toString();
    }
}
