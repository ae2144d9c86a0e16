package org.loftmail.core.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Sends mail out for redirects and rejections (Dovecot's sendmail_path / submission_host). */
@FunctionalInterface
public interface MailSender {

    /** {@code from} is the envelope sender ({@code ""} for {@code <>}). Throws when the MTA did not take it. */
    void send(String from, List<String> recipients, InputStream message) throws IOException;

    /** For setups that have nowhere to send: every attempt fails, so the delivery keeps the message instead. */
    MailSender NONE = (from, to, message) -> {
        throw new IOException("no sendmail_path or submission_host is configured");
    };
}
