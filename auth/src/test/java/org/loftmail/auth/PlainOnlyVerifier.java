package org.loftmail.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Test double for the scheme library: {PLAIN}/{CLEARTEXT} and bare values only. */
final class PlainOnlyVerifier implements PasswordVerifier {
    @Override
    public Outcome verify(String plain, String stored, String defaultScheme, String user) {
        String scheme = defaultScheme;
        String value = stored;
        if (stored.startsWith("{")) {
            int end = stored.indexOf('}');
            scheme = stored.substring(1, end);
            value = stored.substring(end + 1);
        }
        if (!scheme.equalsIgnoreCase("PLAIN") && !scheme.equalsIgnoreCase("CLEARTEXT")) {
            return Outcome.UNKNOWN_SCHEME;
        }
        return MessageDigest.isEqual(plain.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8))
                ? Outcome.MATCH : Outcome.MISMATCH;
    }
}
