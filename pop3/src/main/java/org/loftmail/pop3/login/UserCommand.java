package org.loftmail.pop3.login;

import org.loftmail.pop3.Pop3Session;
import org.loftmail.pop3.codec.ResponseCode;
import org.loftmail.pop3.command.Pop3Command;

/** USER name (RFC 1939 section 7); refused before TLS when disable_plaintext_auth is on, as Dovecot does. */
public final class UserCommand implements Pop3Command {
    @Override
    public boolean execute(Pop3Session session, String args) {
        if (!LoginPolicy.plaintextAllowed(session)) {
            session.login().triedDisallowedPlaintext(args, "PLAIN");
            session.writer().err(ResponseCode.AUTH, LoginPolicy.PLAINTEXT_DISALLOWED);
            return false;
        }
        session.login().setPendingUser(args);
        session.writer().ok("");
        return true;
    }
}
