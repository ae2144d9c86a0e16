package org.loftmail.pop3.login;

import java.util.List;
import org.loftmail.auth.AuthResult;
import org.loftmail.pop3.Pop3Context;
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
    static boolean tlsRequiredFirst(Pop3Context ctx) {
        if (!ctx.settings().sslRequired() || ctx.connection().isSecure()) {
            return false;
        }
        var c = ctx.connection();
        return !c.remoteIp().equals(c.localIp());
    }

    static boolean plaintextAllowed(Pop3Context ctx) {
        return !tlsRequiredFirst(ctx) && ctx.auth().plaintextAllowed(ctx.clientInfo());
    }

    static List<String> usableMechanisms(Pop3Context ctx) {
        if (tlsRequiredFirst(ctx)) {
            return List.of();
        }
        return ctx.auth().advertisedMechanisms(ctx.clientInfo());
    }

    /** The -ERR for a failed login; the text a passdb supplied (reason=) is shown when there is one. */
    static void answerFailure(Pop3Context ctx, AuthResult.Failure failure) {
        String reason = failure.clientMessage();
        switch (failure.kind()) {
            case TEMPORARY -> ctx.writer().err(ResponseCode.SYS_TEMP,
                    reason != null ? reason : "Temporary authentication failure.");
            case PLAINTEXT_DISABLED -> ctx.writer().err(ResponseCode.AUTH, "Plaintext authentication disabled.");
            case PASSWORD_EXPIRED -> ctx.writer().err(ResponseCode.AUTH,
                    reason != null ? reason : "Password expired.");
            case MALFORMED -> ctx.writer().err(ResponseCode.AUTH,
                    reason != null ? reason : "Authentication failed.");
            default -> ctx.writer().err(ResponseCode.AUTH, reason != null ? reason : "Authentication failed.");
        }
    }
}
