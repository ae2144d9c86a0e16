package org.loftmail.auth.scheme;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/** Salted digests: SSHA, SSHA256, SSHA512, SMD5. Raw value = digest(password + salt) + salt. */
final class SaltedDigestScheme implements PasswordScheme {
    private static final int SALT_LENGTH = 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final String algorithm;
    private final int digestLength;

    SaltedDigestScheme(String name, String algorithm) {
        this.name = name;
        this.algorithm = algorithm;
        this.digestLength = DigestScheme.digest(algorithm).getDigestLength();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PasswordEncoding defaultEncoding() {
        return PasswordEncoding.BASE64;
    }

    @Override
    public boolean verify(byte[] plain, byte[] raw, String user) throws InvalidStoredPasswordException {
        if (raw.length <= digestLength) {
            throw new InvalidStoredPasswordException(name + " value too short");
        }
        byte[] salt = Arrays.copyOfRange(raw, digestLength, raw.length);
        return ConstantTime.equal(hash(plain, salt), raw);
    }

    @Override
    public byte[] generate(byte[] plain, GenerateOptions options) {
        byte[] salt = new byte[SALT_LENGTH];
        RANDOM.nextBytes(salt);
        return hash(plain, salt);
    }

    private byte[] hash(byte[] plain, byte[] salt) {
        MessageDigest md = DigestScheme.digest(algorithm);
        md.update(plain);
        md.update(salt);
        byte[] digest = md.digest();
        byte[] out = Arrays.copyOf(digest, digest.length + salt.length);
        System.arraycopy(salt, 0, out, digest.length, salt.length);
        return out;
    }
}
