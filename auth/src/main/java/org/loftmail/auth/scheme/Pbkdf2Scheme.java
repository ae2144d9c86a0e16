package org.loftmail.auth.scheme;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * PBKDF2 in Dovecot's format {@code $1$<salt>$<rounds>$<hex hash>}: PBKDF2-HMAC-SHA1 over the salt
 * text, 20 bytes, 5000 rounds by default.
 */
final class Pbkdf2Scheme implements PasswordScheme {
    static final int DEFAULT_ROUNDS = 5000;
    private static final int MAX_ROUNDS = 10_000_000;

    @Override
    public String name() {
        return "PBKDF2";
    }

    @Override
    public PasswordEncoding defaultEncoding() {
        return PasswordEncoding.NONE;
    }

    @Override
    public boolean verify(byte[] plain, byte[] raw, String user) throws InvalidStoredPasswordException {
        String[] parts = new String(raw, StandardCharsets.UTF_8).split("\\$", -1);
        if (parts.length != 5 || !parts[0].isEmpty() || !parts[1].equals("1")) {
            throw new InvalidStoredPasswordException("PBKDF2 value is not $1$salt$rounds$hash");
        }
        int rounds;
        byte[] expected;
        try {
            rounds = Integer.parseInt(parts[3]);
            expected = HexFormat.of().parseHex(parts[4]);
        } catch (IllegalArgumentException e) {
            throw new InvalidStoredPasswordException("PBKDF2 rounds or hash malformed");
        }
        if (rounds < 1 || rounds > MAX_ROUNDS || expected.length == 0) {
            throw new InvalidStoredPasswordException("PBKDF2 rounds or hash out of range");
        }
        byte[] computed = derive(plain, parts[2].getBytes(StandardCharsets.UTF_8), rounds, expected.length);
        return ConstantTime.equal(computed, expected);
    }

    @Override
    public byte[] generate(byte[] plain, GenerateOptions options) {
        int rounds = options.roundsOr(DEFAULT_ROUNDS);
        if (rounds > MAX_ROUNDS) {
            throw new IllegalArgumentException("PBKDF2 rounds must be at most " + MAX_ROUNDS);
        }
        String salt = CryptBase64.randomSalt(16);
        byte[] hash = derive(plain, salt.getBytes(StandardCharsets.UTF_8), rounds, 20);
        return ("$1$" + salt + "$" + rounds + "$" + HexFormat.of().formatHex(hash)).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] derive(byte[] plain, byte[] salt, int rounds, int length) {
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA1Digest());
        generator.init(plain, salt, rounds);
        return ((KeyParameter) generator.generateDerivedMacParameters(length * 8)).getKey();
    }
}
