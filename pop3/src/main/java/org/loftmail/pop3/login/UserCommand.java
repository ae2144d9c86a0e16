package org.loftmail.pop3.login;

import org.loftmail.pop3.Pop3Command;
import org.loftmail.pop3.Pop3Context;
import org.loftmail.pop3.codec.ResponseCode;

/** USER name (RFC 1939 section 7); refused before TLS when disable_plaintext_auth is on, as Dovecot does. */
public final class UserCommand implements Pop3Command {
    @Override
    public boolean execute(Pop3Context ctx, String args) {
        if (!LoginPolicy.plaintextAllowed(ctx)) {
            ctx.login().triedDisallowedPlaintext(args, "PLAIN");
            ctx.writer().err(ResponseCode.AUTH, LoginPolicy.PLAINTEXT_DISALLOWED);
            return false;
        }
        ctx.login().setPendingUser(args);
        ctx.writer().ok("");
        return true;
    }
}
