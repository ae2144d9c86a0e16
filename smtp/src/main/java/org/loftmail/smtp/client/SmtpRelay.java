package org.loftmail.smtp.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.loftmail.smtp.codec.SmtpReply;

/**
 * Relays one message to the configured server and says what happened to each recipient: one connection, MAIL,
 * one RCPT per recipient (a refused recipient keeps its own reply), DATA to the accepted ones, QUIT. Failures of
 * the connection or of a step every recipient depends on are thrown ({@link SmtpProtocolException} carries the
 * server's reply, so a caller can tell a temporary failure from a permanent one).
 */
public final class SmtpRelay {

    private final RelaySettings settings;

    public SmtpRelay(RelaySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * @param from       envelope sender, {@code ""} for {@code <>}
     * @param recipients envelope recipients, at least one
     * @param message    the message, read once
     * @param size       its size in bytes, or -1 when unknown (then no SIZE parameter is sent)
     */
    public RelayResult relay(String from, List<String> recipients, InputStream message, long size)
            throws IOException {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a message to relay needs a recipient");
        }
        try (SmtpClient client = SmtpClient.connect(settings)) {
            SmtpReply mail = client.mail(from, size);
            if (!mail.positive()) {
                throw new SmtpProtocolException("MAIL", mail);
            }
            Map<String, SmtpReply> replies = new LinkedHashMap<>();
            List<String> accepted = new ArrayList<>();
            for (String rcpt : recipients) {
                SmtpReply reply = client.rcpt(rcpt);
                replies.put(rcpt, reply);
                if (reply.positive()) {
                    accepted.add(rcpt);
                }
            }
            if (!accepted.isEmpty()) {
                SmtpReply end = client.data(message);
                // SMTP answers the data once, for every accepted recipient (RFC 5321 section 4.1.1.4).
                for (String rcpt : accepted) {
                    replies.put(rcpt, end);
                }
            }
            client.quit();
            return new RelayResult(replies);
        }
    }
}
