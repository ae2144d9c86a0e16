package org.loftmail.auth.scheme;

import java.nio.charset.StandardCharsets;

/**
 * CRYPT, DES-CRYPT, SHA256-CRYPT and SHA512-CRYPT: whatever crypt(3) recognises by the value's
 * {@code $id$}, as Dovecot checks all four (so {@code {SHA512-CRYPT}$2y$...} verifies there too).
 * {@code $1$}, {@code $5$}, {@code $6$} and bcrypt run in Java; anything else (DES, yescrypt, ...)
 * goes to the system's libcrypt. They differ in what they make: CRYPT bcrypt ({@code $2y$05$},
 * like Dovecot 2.3 on Debian), DES-CRYPT traditional DES through libcrypt, the SHA ones SHA-crypt.
 */
final class CryptScheme implements PasswordScheme {
    enum Generates { BCRYPT, DES, SHA256, SHA512 }

    private static final Md5CryptScheme MD5_CRYPT = new Md5CryptScheme();
    private static final ShaCryptScheme SHA256_CRYPT = ShaCryptScheme.sha256();
    private static final ShaCryptScheme SHA512_CRYPT = ShaCryptScheme.sha512();

    private final String name;
    private final Libcrypt libcrypt;
    private final Generates generates;

    CryptScheme(String name, Libcrypt libcrypt, Generates generates) {
        this.name = name;
        this.libcrypt = libcrypt;
        this.generates = generates;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PasswordEncoding defaultEncoding() {
        return PasswordEncoding.NONE;
    }

    @Override
    public boolean verify(byte[] plain, byte[] raw, String user) throws InvalidStoredPasswordException {
        String stored = new String(raw, StandardCharsets.UTF_8);
        if (stored.startsWith("$1$")) {
            return MD5_CRYPT.verify(plain, raw, user);
        } else if (stored.startsWith(SHA256_CRYPT.magic())) {
            return SHA256_CRYPT.verify(plain, raw, user);
        } else if (stored.startsWith(SHA512_CRYPT.magic())) {
            return SHA512_CRYPT.verify(plain, raw, user);
        } else if (BcryptScheme.isBcrypt(stored)) {
            return BcryptScheme.check(plain, stored);
        }
        if (stored.length() < 2) {
            throw new InvalidStoredPasswordException(name + " value too short");
        }
        return libcrypt.crypt(plain, stored)
                .map(hash -> ConstantTime.equal(hash.getBytes(StandardCharsets.ISO_8859_1), raw))
                .orElse(false);
    }

    @Override
    public byte[] generate(byte[] plain, GenerateOptions options) {
        return switch (generates) {
            case BCRYPT -> BcryptScheme.hash(plain, options.roundsOr(BcryptScheme.DEFAULT_COST)).getBytes(StandardCharsets.UTF_8);
            case DES -> des(plain);
            case SHA256 -> SHA256_CRYPT.generate(plain, options);
            case SHA512 -> SHA512_CRYPT.generate(plain, options);
        };
    }

    private byte[] des(byte[] plain) {
        try {
            return libcrypt.crypt(plain, CryptBase64.randomSalt(2))
                    .orElseThrow(() -> new IllegalArgumentException("crypt(3) refused to make a DES hash"))
                    .getBytes(StandardCharsets.ISO_8859_1);
        } catch (InvalidStoredPasswordException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
