package org.loftmail.lmtp.command;

import org.loftmail.smtp.codec.SmtpReply;

/** Replies only LMTP gives (the shared ones are {@link SmtpReply}'s). */
public final class LmtpReplies {

    private LmtpReplies() {}

    public static final SmtpReply LHLO_FIRST = SmtpReply.of(503, "5.5.1", "Invalid command: Send LHLO first");
}
