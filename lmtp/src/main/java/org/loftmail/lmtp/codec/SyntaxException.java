package org.loftmail.lmtp.codec;

/** Input that does not parse; carries the reply the client gets. */
public final class SyntaxException extends Exception {

    private final transient LmtpReply reply;

    public SyntaxException(LmtpReply reply) {
        super(reply.summary(), null, false, false);
        this.reply = reply;
    }

    public LmtpReply reply() {
        return reply;
    }
}
