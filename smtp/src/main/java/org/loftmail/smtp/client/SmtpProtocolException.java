package org.loftmail.smtp.client;

import java.io.IOException;
import org.loftmail.smtp.codec.SmtpReply;

/** The server refused a step the whole relay depends on (greeting, EHLO, STARTTLS, AUTH, MAIL, DATA). */
public final class SmtpProtocolException extends IOException {

    private final transient SmtpReply reply;

    public SmtpProtocolException(String step, SmtpReply reply) {
        super(step + " failed: " + reply.summary());
        this.reply = reply;
    }

    /** The server's reply; {@link SmtpReply#temporary()} says whether trying again later may help. */
    public SmtpReply reply() {
        return reply;
    }
}
