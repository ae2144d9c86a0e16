package org.loftmail.pop3.login;

import org.loftmail.auth.AuthResult;
import org.loftmail.pop3.Pop3Session;
import org.loftmail.pop3.codec.ResponseCode;
import org.loftmail.pop3.command.Pop3Command;

/** PASS secret (RFC 1939 section 7): a plaintext login for the USER name, logged as method=PLAIN. */
public final class PassCommand implements Pop3Command {
    @Override
    public boolean execute(Pop3Session session, String args) {
        if (!LoginPolicy.plaintextAllowed(session)) {
            session.login().triedDisallowedPlaintext(null, "PLAIN");
            session.writer().err(ResponseCode.AUTH, LoginPolicy.PLAINTEXT_DISALLOWED);
            return false;
        }
        LoginState login = session.login();
        String user = login.pendingUser();
        if (user == null) {
            session.writer().err("No username given.");
            return false;
        }
        login.setPendingUser(null);
        login.attempt(user, "PLAIN");
        AuthResult result = session.service().auth().authenticatePlain(session.clientInfo(), user, args);
        if (result instanceof AuthResult.Success success) {
            session.loggedIn(success, "PLAIN");
            return true;
        }
        login.failed();
        LoginPolicy.answerFailure(session, (AuthResult.Failure) result);
        return false;
    }
}
