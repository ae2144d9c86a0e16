package org.loftmail.auth.scheme;

import java.nio.charset.StandardCharsets;

/**
 * DIGEST-MD5: MD5 of {@code user:realm:password} (RFC 2831's A1 secret), hex. The user name
 * {@code alice@example.org} splits into user {@code alice} and realm {@code example.org}; without
 * '@' the realm is empty. It needs the login name, so verifying without one fails.
 */
final class DigestMd5Scheme implements PasswordScheme {

    @Override
    public String name() {
        return "DIGEST-MD5";
    }

    @Override
    public PasswordEncoding defaultEncoding() {
        return PasswordEncoding.HEX;
    }

    @Override
    public int rawLength() {
        return 16;
    }

    @Override
    public boolean verify(byte[] plain, byte[] raw, String user) {
        return ConstantTime.equal(hash(plain, user), raw);
    }

    @Override
    public byte[] generate(byte[] plain, GenerateOptions options) {
        if (options.user().isEmpty()) {
            throw new IllegalArgumentException("DIGEST-MD5 needs the user name (adm pw -u USER)");
        }
        return hash(plain, options.user());
    }

    private static byte[] hash(byte[] plain, String login) {
        int at = login.indexOf('@');
        String user = at < 0 ? login : login.substring(0, at);
        String realm = at < 0 ? "" : login.substring(at + 1);
        byte[] prefix = (user + ":" + realm + ":").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[prefix.length + plain.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(plain, 0, all, prefix.length, plain.length);
        return DigestScheme.digest("MD5").digest(all);
    }
}
