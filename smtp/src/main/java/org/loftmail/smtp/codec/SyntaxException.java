package org.loftmail.smtp.codec;

/** Input that does not parse; carries the reply the client gets. */
public final class SyntaxException extends Exception {

    private final transient SmtpReply reply;

    public SyntaxException(SmtpReply reply) {
        super(reply.summary(), null, false, false);
        this.reply = reply;
    }

    public SmtpReply reply() {
        return reply;
    }
}
