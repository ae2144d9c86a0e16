package org.loftmail.auth;

import java.util.List;
import org.loftmail.auth.sasl.SaslMechanism;
import org.loftmail.auth.sasl.SaslMechanisms;
import org.loftmail.auth.scheme.PasswordSchemes;

/** Builds the SASL mechanisms auth_mechanisms enables. */
final class AuthMechanisms {
    private AuthMechanisms() {}

    static List<SaslMechanism> create(AuthSettings settings, PasswordSchemes schemes) {
        String hostname;
        try {
            hostname = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            hostname = "localhost";
        }
        return SaslMechanisms.fromSetting(String.join(" ", settings.mechanisms()),
                new SaslMechanisms.Settings(hostname, settings.anonymousUsername(), schemes)).all();
    }
}
