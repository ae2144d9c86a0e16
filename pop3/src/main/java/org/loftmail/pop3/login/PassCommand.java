package org.loftmail.pop3.login;

import org.loftmail.auth.AuthResult;
import org.loftmail.pop3.LoginState;
import org.loftmail.pop3.Pop3Command;
import org.loftmail.pop3.Pop3Context;
import org.loftmail.pop3.codec.ResponseCode;

/** PASS secret (RFC 1939 section 7): a plaintext login for the USER name, logged as method=PLAIN. */
public final class PassCommand implements Pop3Command {
    @Override
    public boolean execute(Pop3Context ctx, String args) {
        if (!LoginPolicy.plaintextAllowed(ctx)) {
            ctx.login().triedDisallowedPlaintext(null, "PLAIN");
            ctx.writer().err(ResponseCode.AUTH, LoginPolicy.PLAINTEXT_DISALLOWED);
            return false;
        }
        LoginState login = ctx.login();
        String user = login.pendingUser();
        if (user == null) {
            ctx.writer().err("No username given.");
            return false;
        }
        login.setPendingUser(null);
        login.attempt(user, "PLAIN");
        AuthResult result = ctx.auth().authenticatePlain(ctx.clientInfo(), user, args);
        if (result instanceof AuthResult.Success success) {
            ctx.loggedIn(success, "PLAIN");
            return true;
        }
        login.failed();
        LoginPolicy.answerFailure(ctx, (AuthResult.Failure) result);
        return false;
    }
}
