package org.loftmail.pop3.login;

import java.util.List;
import org.loftmail.auth.AuthResult;
import org.loftmail.pop3.Pop3Session;
import org.loftmail.pop3.codec.ResponseCode;

/**
 * Who may authenticate how on this connection, and the answers to failed attempts in Dovecot's words. The rules
 * themselves (disable_plaintext_auth, login_trusted_networks, local connections) are the auth service's;
 * {@code ssl = required} additionally refuses every authentication before TLS.
 */
final class LoginPolicy {

    static final String PLAINTEXT_DISALLOWED =
            "Plaintext authentication disallowed on non-secure (SSL/TLS) connections.";
    static final String SSL_REQUIRED = "Authentication not allowed until SSL/TLS is enabled.";

    private LoginPolicy() {}

    /** Whether authentication of any kind is refused because ssl = required and TLS is not on. */
    static boolean tlsRequiredFirst(Pop3Session session) {
        if (!session.settings().sslRequired() || session.connection().isSecure()) {
            return false;
        }
        var c = session.connection();
        return !c.remoteIp().equals(c.localIp());
    }

    static boolean plaintextAllowed(Pop3Session session) {
        return !tlsRequiredFirst(session) && session.service().auth().plaintextAllowed(session.clientInfo());
    }

    static List<String> usableMechanisms(Pop3Session session) {
        if (tlsRequiredFirst(session)) {
            return List.of();
        }
        return session.service().auth().advertisedMechanisms(session.clientInfo());
    }

    /** The -ERR for a failed login; the text a passdb supplied (reason=) is shown when there is one. */
    static void answerFailure(Pop3Session session, AuthResult.Failure failure) {
        String reason = failure.clientMessage();
        switch (failure.kind()) {
            case TEMPORARY -> session.writer().err(ResponseCode.SYS_TEMP,
                    reason != null ? reason : "Temporary authentication failure.");
            case PLAINTEXT_DISABLED -> session.writer().err(ResponseCode.AUTH, "Plaintext authentication disabled.");
            case PASSWORD_EXPIRED -> session.writer().err(ResponseCode.AUTH,
                    reason != null ? reason : "Password expired.");
            case MALFORMED -> session.writer().err(ResponseCode.AUTH,
                    reason != null ? reason : "Authentication failed.");
            default -> session.writer().err(ResponseCode.AUTH, reason != null ? reason : "Authentication failed.");
        }
    }
}
