package org.loftmail.smtp.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.loftmail.core.delivery.MailSender;
import org.loftmail.smtp.codec.SmtpReply;

/**
 * Dovecot's {@code submission_host}: outgoing mail (Sieve redirect, vacation, rejections) relayed over SMTP instead
 * of through sendmail. As with sendmail, the message counts as sent only when the server took it for every
 * recipient; otherwise the caller keeps the original (MailSender's contract).
 */
public final class SmtpSender implements MailSender {

    private final SmtpRelay relay;

    public SmtpSender(RelaySettings settings) {
        this.relay = new SmtpRelay(settings);
    }

    @Override
    public void send(String from, List<String> recipients, InputStream message) throws IOException {
        RelayResult result = relay.relay(from, recipients, message, -1);
        if (!result.allAccepted()) {
            Map<String, SmtpReply> failed = result.failures();
            throw new IOException("relay refused " + failed.entrySet().stream()
                    .map(e -> "<" + e.getKey() + ">: " + e.getValue().summary())
                    .collect(Collectors.joining(", ")));
        }
    }
}
