package org.loftmail.lmtp.delivery;

import org.loftmail.core.delivery.Envelope;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The header fields delivery puts on top of each recipient's copy, as Dovecot's LMTP does:
 *
 * <pre>
 * Return-Path: &lt;sender@example.org&gt;
 * Delivered-To: jsmith@example.com
 * Received: from mx.example.org ([192.0.2.1])
 * 	by mail.example.com with LMTP
 * 	id Gn1oBRfvUFnjSQAAt0iQrw
 * 	(envelope-from &lt;sender@example.org&gt;)
 * 	for &lt;jsmith@example.com&gt;; Mon, 23 Nov 2026 04:21:27 +0000
 * </pre>
 *
 * Every value is cleaned of control characters, so nothing the client sent can start a header line of its own.
 */
public final class TraceHeaders {

    private static final DateTimeFormatter RFC_5322 =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private TraceHeaders() {}

    /**
     * @param deliveryAddress the address for Delivered-To and "for", or null for none (lmtp_hdr_delivery_address)
     * @param received        whether to add a Received field (lmtp_add_received_header; never for lda)
     */
    public static byte[] build(Envelope envelope, String deliveryAddress, boolean received, boolean returnPath) {
        StringBuilder b = new StringBuilder(256);
        if (returnPath) {
            b.append("Return-Path: <").append(clean(envelope.sender())).append(">\r\n");
        }
        if (deliveryAddress != null) {
            b.append("Delivered-To: ").append(clean(deliveryAddress)).append("\r\n");
        }
        if (received) {
            b.append("Received: from ").append(envelope.heloName().isEmpty() ? "unknown" : clean(envelope.heloName()));
            if (!envelope.remoteIp().isEmpty() && !envelope.remoteIp().equals("local")) {
                b.append(" ([").append(clean(envelope.remoteIp())).append("])");
            }
            b.append("\r\n\tby ").append(clean(envelope.hostname()))
                    .append(" with ").append(envelope.secured() ? "LMTPS" : "LMTP").append("\r\n");
            b.append("\tid ").append(clean(envelope.sessionId())).append("\r\n");
            b.append("\t(envelope-from <").append(clean(envelope.sender())).append(">)");
            if (deliveryAddress != null) {
                b.append("\r\n\tfor <").append(clean(deliveryAddress)).append(">");
            }
            b.append("; ").append(RFC_5322.format(ZonedDateTime.ofInstant(envelope.arrival(), ZoneId.systemDefault())))
                    .append("\r\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String clean(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return b.toString();
    }
}
