package org.loftmail.smtp.server;

import org.loftmail.smtp.codec.SmtpReply;

/** What a BDAT command asks of the connection. */
public sealed interface BdatStart {

    /** Read this many raw bytes into the transaction's {@link ServerTransaction#chunk}. */
    record Read(long size) implements BdatStart {}

    /** The size cannot be parsed, so the next command cannot be found: reply and close. */
    record Unreadable(SmtpReply reply) implements BdatStart {}
}
