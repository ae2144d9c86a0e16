package org.loftmail.auth;

/**
 * Checks a plaintext password against a stored one ({@code {SCHEME}value}, or a bare value in the
 * passdb's default scheme). The scheme implementations live in {@code org.loftmail.auth.scheme};
 * this is the one door the passdb drivers use.
 */
public interface PasswordVerifier {

    enum Outcome { MATCH, MISMATCH, UNKNOWN_SCHEME }

    Outcome verify(String plain, String stored, String defaultScheme, String user);
}
