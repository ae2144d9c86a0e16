package org.loftmail.pop3.login;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.loftmail.auth.SaslSession;
import org.loftmail.pop3.Pop3Session;
import org.loftmail.pop3.codec.ResponseCode;
import org.loftmail.pop3.command.Pop3Command;

/**
 * AUTH [mechanism [initial-response]] (RFC 5034). Without arguments it lists the mechanisms usable here, as
 * Dovecot does. The initial response "=" is an empty one.
 */
public final class AuthCommand implements Pop3Command {
    @Override
    public boolean execute(Pop3Session session, String args) {
        if (args.isEmpty()) {
            session.writer().ok("");
            for (String mechanism : LoginPolicy.usableMechanisms(session)) {
                session.writer().dataLine(mechanism);
            }
            session.writer().endMultiline();
            return true;
        }
        if (LoginPolicy.tlsRequiredFirst(session)) {
            session.writer().err(ResponseCode.AUTH, LoginPolicy.SSL_REQUIRED);
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
                    session.writer().err(ResponseCode.AUTH, "Invalid base64 data in initial response");
                    return false;
                }
            }
        }
        Optional<SaslSession> sasl = session.service().auth().startSasl(session.clientInfo(), mechanism);
        if (sasl.isEmpty()) {
            session.writer().err(ResponseCode.AUTH, "Unsupported authentication mechanism.");
            return false;
        }
        LoginState login = session.login();
        login.attempt(null, mechanism);
        SaslDialog dialog = new SaslDialog(session, sasl.get());
        login.startSasl(dialog);
        dialog.start(initial);
        return true;
    }
}
