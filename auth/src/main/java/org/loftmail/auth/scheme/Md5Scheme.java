package org.loftmail.auth.scheme;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/**
 * MD5 as Dovecot defines it: an MD5-CRYPT string ({@code $1$...}) or, failing that, a PLAIN-MD5
 * digest (hex, or base64). It makes MD5-CRYPT.
 */
final class Md5Scheme implements PasswordScheme {
    private static final Md5CryptScheme MD5_CRYPT = new Md5CryptScheme();
    private static final DigestScheme PLAIN_MD5 = new DigestScheme("PLAIN-MD5", java.util.List.of(), "MD5", PasswordEncoding.HEX);

    @Override
    public String name() {
        return "MD5";
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
        }
        byte[] digest;
        try {
            digest = stored.length() == 32 ? HexFormat.of().parseHex(stored) : Base64.getDecoder().decode(stored);
        } catch (IllegalArgumentException e) {
            throw new InvalidStoredPasswordException("Not a valid MD5-CRYPT or PLAIN-MD5 password");
        }
        if (digest.length != 16) {
            throw new InvalidStoredPasswordException("Not a valid MD5-CRYPT or PLAIN-MD5 password");
        }
        return PLAIN_MD5.verify(plain, digest, user);
    }

    @Override
    public byte[] generate(byte[] plain, GenerateOptions options) {
        return MD5_CRYPT.generate(plain, options);
    }
}
