package org.loftmail.auth;

import java.util.List;
import org.loftmail.auth.sasl.SaslMechanism;
import org.loftmail.auth.scheme.PasswordSchemes;

/** Builds the SASL mechanisms auth_mechanisms enables. */
final class AuthMechanisms {
    private AuthMechanisms() {}

    static List<SaslMechanism> create(AuthSettings settings, PasswordSchemes schemes) {
        return List.of();
    }
}
