package org.loftmail.sieve.delivery;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.loftmail.core.delivery.DeliveryAction;
import org.loftmail.core.mime.EncodedWords;
import org.loftmail.core.mime.HeaderField;
import org.loftmail.sieve.compile.Addresses;
import org.loftmail.sieve.run.SieveAction;

/**
 * The messages of an enotify {@code mailto:} notification (RFC 5436, URIs as RFC 6068): one per recipient of the
 * URI's path, {@code to=} and {@code cc=} fields, with To and Cc as the URI lists them, the URI's subject and body
 * (else the :message, else a default), Auto-Submitted: auto-notified, X-Sieve and the importance as X-Priority and
 * Importance. Never about a message that is itself auto-submitted (RFC 5436 section 2.7). Sent from postmaster,
 * (or the :from address), or from {@code <>} when the notified message came from {@code <>}. Public so that Pigeonhole's suite runs it.
 */
public final class MailtoNotification {

    private MailtoNotification() {}

    public static List<DeliveryAction.Send> build(SieveAction.Notify n, VacationReply.Input in, String postmaster) {
        for (HeaderField f : in.header()) {
            if (f.is("Auto-Submitted") && !f.value().strip().equalsIgnoreCase("no")) return List.of();
        }
        String uri = n.method().substring("mailto:".length());
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        Set<String> to = new LinkedHashSet<>();
        Set<String> cc = new LinkedHashSet<>();
        String subject = null;
        String body = null;
        addAll(to, path);
        if (q >= 0) {
            for (String field : uri.substring(q + 1).split("&")) {
                int eq = field.indexOf('=');
                if (eq < 0) continue;
                String name = decode(field.substring(0, eq)).toLowerCase(Locale.ROOT);
                String value = decode(field.substring(eq + 1));
                switch (name) {
                    case "to" -> addAll(to, field.substring(eq + 1));
                    case "cc" -> addAll(cc, field.substring(eq + 1));
                    case "subject" -> subject = value;
                    case "body" -> body = value;
                    default -> { } // other header fields in the URI are not trusted (RFC 5436 section 3.1)
                }
            }
        }
        if (to.isEmpty() && cc.isEmpty()) return List.of();
        String originalSubject = null;
        String originalFrom = null;
        for (HeaderField f : in.header()) {
            if (originalSubject == null && f.is("Subject")) originalSubject = EncodedWords.decode(f.value()).strip();
            if (originalFrom == null && f.is("From")) originalFrom = EncodedWords.decode(f.value()).strip();
        }
        if (subject == null) {
            subject = n.message() != null ? n.message()
                    : "[SIEVE] New mail" + (originalFrom == null ? "" : " from " + originalFrom)
                            + (originalSubject == null ? "" : ": " + originalSubject);
        }
        if (body == null) body = n.message() != null ? n.message() : "Notification of new message.";
        String from = n.from() != null ? n.from() : "<" + postmaster + ">";
        String importance = switch (n.importance()) {
            case "1" -> "1 (Highest)\r\nImportance: high";
            case "3" -> "5 (Lowest)\r\nImportance: low";
            default -> "3 (Normal)\r\nImportance: normal";
        };
        StringBuilder h = new StringBuilder();
        h.append("Message-ID: <").append(UUID.randomUUID()).append('@').append(in.hostname()).append(">\r\n");
        h.append("X-Sieve: Loft Sieve\r\n");
        h.append("X-Priority: ").append(importance).append("\r\n");
        h.append("From: ").append(VacationReply.oneLine(from)).append("\r\n");
        if (!to.isEmpty()) h.append("To: ").append(String.join(", ", to)).append("\r\n");
        if (!cc.isEmpty()) h.append("Cc: ").append(String.join(", ", cc)).append("\r\n");
        h.append("Subject: ").append(VacationReply.encodeIfNeeded(VacationReply.oneLine(subject))).append("\r\n");
        h.append("Auto-Submitted: auto-notified; owner-email=\"").append(in.recipient()).append("\"\r\n");
        h.append("Precedence: bulk\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\n");
        h.append(body.replace("\r\n", "\n").replace("\n", "\r\n")).append("\r\n");
        byte[] message = h.toString().getBytes(StandardCharsets.UTF_8);
        String fromAddress = n.from() == null ? null : Addresses.normalize(n.from());
        String envelopeFrom = in.sender().isEmpty() ? "" : fromAddress != null ? fromAddress : postmaster;
        List<DeliveryAction.Send> out = new ArrayList<>();
        Set<String> all = new LinkedHashSet<>(to);
        all.addAll(cc);
        for (String rcpt : all) out.add(new DeliveryAction.Send(envelopeFrom, List.of(rcpt), message));
        return out;
    }

    private static void addAll(Set<String> into, String encodedList) {
        for (String part : decode(encodedList).split(",")) {
            String a = Addresses.normalize(part.strip());
            if (a != null) into.add(a);
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
