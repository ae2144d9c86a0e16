package org.loftmail.auth.sasl;

import java.util.Objects;
import java.util.Optional;

/**
 * Who a mechanism asks the passdb about.
 *
 * @param mechanism the SASL mechanism name, upper case (for logs: {@code method=PLAIN})
 * @param authcid the authentication identity the client gave (not yet translated or checked
 *     against {@code auth_username_chars}: that is the passdb chain's job)
 * @param authzid the authorization identity, when the client gave a non-empty one that differs
 *     from the authcid (then the authcid logs in as the authzid: Dovecot's master users)
 * @param context the connection the request came from
 */
public record SaslLogin(String mechanism, String authcid, Optional<String> authzid, SaslRequestContext context) {
    public SaslLogin {
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(authcid, "authcid");
        Objects.requireNonNull(authzid, "authzid");
        Objects.requireNonNull(context, "context");
        // an authzid equal to the authcid asks for nothing more than the login itself (as Dovecot reads it)
        if (authzid.isPresent() && (authzid.get().isEmpty() || authzid.get().equals(authcid))) {
            authzid = Optional.empty();
        }
    }
}
