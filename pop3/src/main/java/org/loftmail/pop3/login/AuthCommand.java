package org.loftmail.pop3.login;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.loftmail.auth.SaslSession;
import org.loftmail.pop3.LoginState;
import org.loftmail.pop3.Pop3Command;
import org.loftmail.pop3.Pop3Context;
import org.loftmail.pop3.codec.ResponseCode;

/**
 * AUTH [mechanism [initial-response]] (RFC 5034). Without arguments it lists the mechanisms usable here, as
 * Dovecot does. The initial response "=" is an empty one.
 */
public final class AuthCommand implements Pop3Command {
    @Override
    public boolean execute(Pop3Context ctx, String args) {
        if (args.isEmpty()) {
            ctx.writer().ok("");
            for (String mechanism : LoginPolicy.usableMechanisms(ctx)) {
                ctx.writer().dataLine(mechanism);
            }
            ctx.writer().endMultiline();
            return true;
        }
        if (LoginPolicy.tlsRequiredFirst(ctx)) {
            ctx.writer().err(ResponseCode.AUTH, LoginPolicy.SSL_REQUIRED);
            return false;
        }
        int space = args.indexOf(' ');
        String mechanism = (space < 0 ? args : args.substring(0, space)).toUpperCase(Locale.ROOT);
        Optional<byte[]> initial = Optional.empty();
        if (space >= 0) {
            String ir = args.substring(space + 1);
            if (ir.equals("=")) {
                initial = Optional.of(new byte[0]);
            } else {
                try {
                    initial = Optional.of(Base64.getDecoder().decode(ir.getBytes(StandardCharsets.ISO_8859_1)));
                } catch (IllegalArgumentException e) {
                    ctx.writer().err(ResponseCode.AUTH, "Invalid base64 data in initial response");
                    return false;
                }
            }
        }
        Optional<SaslSession> sasl = ctx.auth().startSasl(ctx.clientInfo(), mechanism);
        if (sasl.isEmpty()) {
            ctx.writer().err(ResponseCode.AUTH, "Unsupported authentication mechanism.");
            return false;
        }
        LoginState login = ctx.login();
        login.attempt(null, mechanism);
        SaslDialog dialog = new SaslDialog(ctx, sasl.get());
        login.startSasl(dialog);
        dialog.start(initial);
        return true;
    }
}
