package org.loftmail.auth.sasl;

/**
 * What the SASL mechanisms need from the passdb chain. This is the contract between the mechanisms
 * (package {@code org.loftmail.auth.sasl}) and the auth service, which implements it with the
 * configured passdb chain (ordering, {@code result_*}, {@code skip}, {@code deny}, master users,
 * caching, username translation and {@code auth_username_chars}).
 *
 * <p>Every method <b>blocks</b>: it may hash with a slow scheme (Argon2, bcrypt), query SQL or call
 * PAM. Call it only from a session's virtual thread, never from a Netty event loop.
 *
 * <p>Master users: when {@link SaslLogin#authzid()} is present and differs from the authentication
 * identity, the authcid is the one whose credentials are checked and the authzid is the user to log
 * in as; the implementation decides whether that is allowed (Dovecot's master passdbs) and answers
 * {@link Rejected} with {@link RejectReason#NOT_AUTHORIZED} when it is not. The user in a successful
 * result is the user the session belongs to.
 *
 * <p>Implementations never throw for a missing user, a wrong password or a backend that is down:
 * those are {@link Rejected} and {@link Unavailable} results.
 */
public interface SaslPassdb {

    /**
     * Checks a plaintext password (PLAIN, LOGIN). The password bytes are what the client sent,
     * normally UTF-8; they must never be logged.
     */
    VerifyResult verifyPlain(SaslLogin login, byte[] password);

    /**
     * Looks up the stored credentials of {@code login.authcid()} so the mechanism can check a
     * challenge-response itself (CRAM-MD5, SCRAM-*). {@code scheme} is the password scheme the
     * mechanism needs ({@code CRAM-MD5}, {@code SCRAM-SHA-1}, {@code SCRAM-SHA-256}); the
     * implementation returns the stored password as it is (see {@link CredentialsFound}) and the
     * mechanism derives what it needs with {@link org.loftmail.auth.scheme.PasswordSchemes#credentials}.
     */
    CredentialsResult lookupCredentials(SaslLogin login, String scheme);

    /**
     * Confirms, without any password, that {@code login.authcid()} exists and may log in (EXTERNAL:
     * the TLS client certificate is the credential). Passdb restrictions still apply
     * ({@code nologin}, {@code deny}, {@code allow_nets}).
     */
    VerifyResult lookupWithoutPassword(SaslLogin login);
}
