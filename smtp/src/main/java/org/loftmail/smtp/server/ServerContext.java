package org.loftmail.smtp.server;

import org.loftmail.smtp.codec.SmtpReply;
import org.loftmail.transport.Connection;

/**
 * What a server command may use: the connection's transaction, its replies, and the connection itself (for
 * STARTTLS and BDAT's raw bytes). A dialect's context (LMTP's, submission's) extends it with what its own commands
 * need; commands never see the session object.
 */
public interface ServerContext<R> {

    ServerTransaction<R> transaction();

    /** Sends one reply (flushed: SMTP clients wait for each one unless they pipeline). */
    void reply(SmtpReply reply);

    Connection connection();

    /** QUIT: say goodbye and close. */
    void quit();
}
