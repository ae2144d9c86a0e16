package org.loftmail.auth.scheme;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** MD5-CRYPT: Poul-Henning Kamp's {@code $1$salt$hash} (FreeBSD, glibc crypt(3)). */
final class Md5CryptScheme implements PasswordScheme {
    private static final String MAGIC = "$1$";

    @Override
    public String name() {
        return "MD5-CRYPT";
    }

    @Override
    public PasswordEncoding defaultEncoding() {
        return PasswordEncoding.NONE;
    }

    @Override
    public boolean verify(byte[] plain, byte[] raw, String user) throws InvalidStoredPasswordException {
        String stored = new String(raw, StandardCharsets.UTF_8);
        if (!stored.startsWith(MAGIC)) {
            throw new InvalidStoredPasswordException("MD5-CRYPT value does not start with $1$");
        }
        return ConstantTime.equal(crypt(plain, stored).getBytes(StandardCharsets.UTF_8), raw);
    }

    @Override
    public byte[] generate(byte[] plain, GenerateOptions options) {
        return crypt(plain, MAGIC + CryptBase64.randomSalt(8)).getBytes(StandardCharsets.UTF_8);
    }

    /** crypt(3) for a {@code $1$} setting: the salt is up to 8 characters after the magic, up to a '$'. */
    static String crypt(byte[] pw, String setting) {
        String rest = setting.substring(MAGIC.length());
        int end = rest.indexOf('$');
        String saltText = rest.substring(0, Math.min(end < 0 ? rest.length() : end, 8));
        byte[] salt = saltText.getBytes(StandardCharsets.UTF_8);
        byte[] magic = MAGIC.getBytes(StandardCharsets.US_ASCII);

        MessageDigest alt = DigestScheme.digest("MD5");
        alt.update(pw);
        alt.update(salt);
        alt.update(pw);
        byte[] fin = alt.digest();

        MessageDigest ctx = DigestScheme.digest("MD5");
        ctx.update(pw);
        ctx.update(magic);
        ctx.update(salt);
        for (int left = pw.length; left > 0; left -= 16) {
            ctx.update(fin, 0, Math.min(left, 16));
        }
        for (int i = pw.length; i != 0; i >>>= 1) {
            ctx.update((i & 1) != 0 ? 0 : pw[0]);
        }
        fin = ctx.digest();

        MessageDigest round = DigestScheme.digest("MD5");
        for (int i = 0; i < 1000; i++) {
            round.update((i & 1) != 0 ? pw : fin);
            if (i % 3 != 0) {
                round.update(salt);
            }
            if (i % 7 != 0) {
                round.update(pw);
            }
            round.update((i & 1) != 0 ? fin : pw);
            fin = round.digest();
        }

        StringBuilder out = new StringBuilder(MAGIC).append(saltText).append('$');
        CryptBase64.append(out, fin[0], fin[6], fin[12], 4);
        CryptBase64.append(out, fin[1], fin[7], fin[13], 4);
        CryptBase64.append(out, fin[2], fin[8], fin[14], 4);
        CryptBase64.append(out, fin[3], fin[9], fin[15], 4);
        CryptBase64.append(out, fin[4], fin[10], fin[5], 4);
        CryptBase64.append(out, 0, 0, fin[11], 2);
        return out.toString();
    }
}
