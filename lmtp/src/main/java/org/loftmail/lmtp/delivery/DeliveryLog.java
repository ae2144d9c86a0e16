package org.loftmail.lmtp.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log lines of one recipient's delivery in Dovecot's shape, e.g.
 * {@code lmtp(jsmith)<18407><Gn1oBRfvUFnjSQAAt0iQrw>: msgid=<abc@example.org>: saved mail to INBOX}, with the
 * message part formatted by deliver_log_format.
 */
final class DeliveryLog {

    private static final Logger LOG = LoggerFactory.getLogger("org.loftmail.lmtp.delivery");
    private static final long PID = ProcessHandle.current().pid();

    private final Envelope envelope;
    private final String user;
    private final DeliveryMessage message;
    private final String format;

    DeliveryLog(Envelope envelope, String user, DeliveryMessage message, String format) {
        this.envelope = envelope;
        this.user = user;
        this.message = message;
        this.format = format;
    }

    void info(String what) {
        if (LOG.isInfoEnabled()) {
            LOG.info(line(what));
        }
    }

    void error(String what) {
        LOG.error(line(what));
    }

    String line(String what) {
        // Filter lines keep their "sieve: " prefix in front of the formatted part, as Pigeonhole logs them.
        String prefix = "";
        int colon = what.indexOf(": ");
        if (colon > 0 && what.substring(0, colon).matches("[a-z]+")) {
            prefix = what.substring(0, colon + 2);
            what = what.substring(colon + 2);
        }
        return envelope.service() + "(" + DeliveryMessage.logSafe(user) + ")<" + PID + "><" + envelope.sessionId()
                + ">: " + prefix + expand(what);
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
                case 'm' -> b.append(message.messageId());
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
