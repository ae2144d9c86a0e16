package org.loftmail.auth;

import java.nio.charset.StandardCharsets;
import org.loftmail.auth.scheme.InvalidStoredPasswordException;
import org.loftmail.auth.scheme.PasswordSchemes;
import org.loftmail.auth.scheme.StoredPassword;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The passdbs' password check, done by Loft's scheme library ({@link PasswordSchemes}). */
public final class SchemePasswordVerifier implements PasswordVerifier {
    private static final Logger LOG = LoggerFactory.getLogger("auth");

    private final PasswordSchemes schemes;

    public SchemePasswordVerifier(PasswordSchemes schemes) {
        this.schemes = schemes;
    }

    public PasswordSchemes schemes() {
        return schemes;
    }

    @Override
    public Outcome verify(String plain, String stored, String defaultScheme, String user) {
        StoredPassword sp;
        try {
            sp = StoredPassword.parse(stored, defaultScheme);
        } catch (IllegalArgumentException e) {
            LOG.warn("Invalid stored password for user {}: {}", LogSafe.text(user), e.getMessage());
            return Outcome.UNKNOWN_SCHEME;
        }
        try {
            return schemes.verify(plain.getBytes(StandardCharsets.UTF_8), sp, user) ? Outcome.MATCH : Outcome.MISMATCH;
        } catch (InvalidStoredPasswordException e) {
            // Dovecot: "Unknown scheme" / "Invalid password in passdb" is an internal problem, not a mismatch.
            LOG.error("Invalid password in passdb for user {} (scheme {}): {}", LogSafe.text(user), sp.scheme(), e.getMessage());
            return Outcome.UNKNOWN_SCHEME;
        }
    }
}
