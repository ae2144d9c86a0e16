package org.loftmail.managesieve.login;

import java.util.List;
import org.loftmail.auth.AuthResult;
import org.loftmail.managesieve.ManageSieveContext;

/**
 * Who may authenticate how on this connection, and the answers to failed attempts in Dovecot's words. The rules
 * (disable_plaintext_auth, login_trusted_networks, local connections) are the auth service's; {@code ssl = required}
 * additionally refuses every authentication before TLS.
 */
public final class LoginPolicy {

    static final String PLAINTEXT_DISALLOWED = "Plaintext authentication disallowed on non-secure (SSL/TLS) connections.";
    static final String SSL_REQUIRED = "Authentication not allowed until SSL/TLS is enabled.";

    private LoginPolicy() {}

    static boolean tlsRequiredFirst(ManageSieveContext ctx) {
        return tlsRequiredFirst(ctx, ctx.connection().isSecure());
    }

    private static boolean tlsRequiredFirst(ManageSieveContext ctx, boolean secure) {
        if (!ctx.settings().sslRequired() || secure) return false;
        return !ctx.connection().remoteIp().equals(ctx.connection().localIp());
    }

    /** The SASL capability: the mechanisms usable on this connection now. */
    public static List<String> usableMechanisms(ManageSieveContext ctx, boolean secure) {
        if (tlsRequiredFirst(ctx, secure)) return List.of();
        return ctx.auth().advertisedMechanisms(ctx.clientInfo().withSecured(secure || ctx.clientInfo().secured()));
    }

    static void answerFailure(ManageSieveContext ctx, AuthResult.Failure failure) {
        String reason = failure.clientMessage();
        switch (failure.kind()) {
            case TEMPORARY -> ctx.writer().no("TRYLATER", reason != null ? reason : "Temporary authentication failure.");
            case PLAINTEXT_DISABLED -> ctx.writer().no("ENCRYPT-NEEDED", PLAINTEXT_DISALLOWED);
            default -> ctx.writer().no(reason != null ? reason : "Authentication failed.");
        }
    }
}
