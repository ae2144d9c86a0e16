package org.loftmail.auth.scheme;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * SCRAM-SHA-1 and SCRAM-SHA-256 as Dovecot stores them ({@link ScramCredentials}); 4096
 * iterations and a 16-byte salt by default. The password is used as given (no SASLprep), as
 * Dovecot does.
 */
final class ScramScheme implements PasswordScheme {
    static final int DEFAULT_ITERATIONS = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ScramAlgorithm algorithm;

    private ScramScheme(ScramAlgorithm algorithm) {
        this.algorithm = algorithm;
    }

    static ScramScheme sha1() {
        return new ScramScheme(ScramAlgorithm.SHA_1);
    }

    static ScramScheme sha256() {
        return new ScramScheme(ScramAlgorithm.SHA_256);
    }

    @Override
    public String name() {
        return algorithm.schemeName();
    }

    @Override
    public PasswordEncoding defaultEncoding() {
        return PasswordEncoding.NONE;
    }

    @Override
    public boolean verify(byte[] plain, byte[] raw, String user) throws InvalidStoredPasswordException {
        ScramCredentials stored = ScramCredentials.parse(raw, algorithm.length());
        ScramCredentials computed = algorithm.credentials(plain, stored.salt(), stored.iterations());
        // both keys: a damaged ServerKey would break the mutual authentication SCRAM promises
        return ScramAlgorithm.sameKey(computed.storedKey(), stored.storedKey())
                & ScramAlgorithm.sameKey(computed.serverKey(), stored.serverKey());
    }

    @Override
    public byte[] generate(byte[] plain, GenerateOptions options) {
        int iterations = options.roundsOr(DEFAULT_ITERATIONS);
        if (iterations > ScramCredentials.MAX_ITERATIONS) {
            throw new IllegalArgumentException(name() + " rounds must be at most " + ScramCredentials.MAX_ITERATIONS);
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return algorithm.credentials(plain, salt, iterations).format().getBytes(StandardCharsets.US_ASCII);
    }
}
