package org.loftmail.lmtp.delivery;

import org.loftmail.core.delivery.Envelope;
import org.loftmail.core.delivery.DeliveryMessage;

import org.loftmail.core.log.MailLog;

/**
 * Log lines of one recipient's delivery in Dovecot's shape, e.g.
 * {@code lmtp(jsmith): Info: Gn1oBRfvUFnjSQAAt0iQrw: msgid=<abc@example.org>: saved mail to INBOX} or
 * {@code lmtp(jsmith): Info: Gn1oBRfvUFnjSQAAt0iQrw: sieve: msgid=<…>: stored mail into mailbox 'Spam'}, with the
 * part after the session id formatted by deliver_log_format.
 */
final class DeliveryLog {

    private final Envelope envelope;
    private final DeliveryMessage message;
    private final String format;
    private final MailLog log;

    DeliveryLog(Envelope envelope, String user, DeliveryMessage message, String format) {
        this.envelope = envelope;
        this.log = MailLog.of(envelope.service(), user);
        this.message = message;
        this.format = format;
    }

    void info(String what) {
        log.info(line(what));
    }

    void error(String what) {
        log.error(line(what));
    }

    String line(String what) {
        // Filter lines keep their "sieve: " prefix in front of the formatted part, as Pigeonhole logs them.
        String prefix = "";
        int colon = what.indexOf(": ");
        if (colon > 0 && what.substring(0, colon).matches("[a-z]+")) {
            prefix = what.substring(0, colon + 2);
            what = what.substring(colon + 2);
        }
        return envelope.sessionId() + ": " + prefix + expand(what);
    }

    /** deliver_log_format: %m msgid, %s subject, %f From, %e envelope sender, %p size, %$ the event, %% a %. */
    String expand(String what) {
        StringBuilder b = new StringBuilder(format.length() + what.length() + 32);
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 >= format.length()) {
                b.append(c);
                continue;
            }
            char v = format.charAt(++i);
            switch (v) {
                case 'm' -> b.append(message.messageId().isEmpty() ? "unspecified" : message.messageId()); // as Dovecot
                case 's' -> b.append(message.subject());
                case 'f' -> b.append(message.from());
                case 'e' -> b.append(DeliveryMessage.logSafe(envelope.sender()));
                case 'p' -> b.append(message.size());
                case '$' -> b.append(what);
                case '%' -> b.append('%');
                default -> b.append('%').append(v);
            }
        }
        return b.toString();
    }
}
