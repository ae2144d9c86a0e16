package org.loftmail.pop3;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.loftmail.auth.PasswordVerifier;

/** Test passwords are {PLAIN}: the scheme library is the auth module's business, not what POP3 tests test. */
final class PlainPasswords implements PasswordVerifier {
    @Override
    public Outcome verify(String plain, String stored, String defaultScheme, String user) {
        String value = stored.startsWith("{PLAIN}") ? stored.substring(7) : stored;
        return MessageDigest.isEqual(plain.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8))
                ? Outcome.MATCH
                : Outcome.MISMATCH;
    }
}
