package org.loftmail.pop3.login;

import org.loftmail.pop3.Pop3Session;
import org.loftmail.pop3.command.Pop3Command;

/**
 * STLS (RFC 2595 section 4). The transport pauses line framing after an STLS line (see Pop3Service's line
 * pauser), so anything the client pipelined after it in plaintext is dropped, never run as if it came over TLS.
 * The USER name given before STLS is forgotten.
 */
public final class StlsCommand implements Pop3Command {
    @Override
    public boolean execute(Pop3Session session, String args) {
        if (session.connection().isSecure()) {
            session.writer().err("TLS is already active.");
            return false;
        }
        if (!session.connection().canStartTls()) {
            session.writer().err("TLS support isn't enabled.");
            return false;
        }
        session.login().setPendingUser(null);
        session.writer().ok("Begin TLS negotiation now.");
        session.connection().startTls();
        return true;
    }
}
