package org.loftmail.imap.login;

import org.loftmail.auth.AuthResult;
import org.loftmail.imap.Completion;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.LoginCompleter;
import org.loftmail.imap.codec.ArgumentReader;

/**
 * LOGIN (RFC 3501 section 6.2.3). Refused with [PRIVACYREQUIRED] where {@code disable_plaintext_auth} applies
 * (the greeting then said LOGINDISABLED). The password never reaches a log.
 */
public final class LoginCommand implements ImapCommand {
    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) {
        String user = args.astring();
        args.sp();
        String password = args.astring();
        args.end();
        AuthResult result = ctx.auth().authenticatePlain(ctx.clientInfo(), user, password);
        return LoginCompleter.complete(ctx, result, "PLAIN", user);
    }
}
