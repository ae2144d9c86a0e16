package org.loftmail.auth.scheme;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * BLF-CRYPT: OpenBSD bcrypt ({@code $2y$}, also {@code $2a$} and {@code $2b$}) through
 * BouncyCastle. Like crypt(3), only the first 72 bytes of a password count.
 */
final class BcryptScheme implements PasswordScheme {
    static final int DEFAULT_COST = 5;
    private static final int MAX_PASSWORD_BYTES = 72;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public String name() {
        return "BLF-CRYPT";
    }

    @Override
    public PasswordEncoding defaultEncoding() {
        return PasswordEncoding.NONE;
    }

    static boolean isBcrypt(String stored) {
        return stored.startsWith("$2a$") || stored.startsWith("$2b$") || stored.startsWith("$2y$");
    }

    @Override
    public boolean verify(byte[] plain, byte[] raw, String user) throws InvalidStoredPasswordException {
        return check(plain, new String(raw, StandardCharsets.UTF_8));
    }

    static boolean check(byte[] plain, String stored) throws InvalidStoredPasswordException {
        if (!isBcrypt(stored)) {
            throw new InvalidStoredPasswordException("BLF-CRYPT value does not start with $2a$, $2b$ or $2y$");
        }
        if (indexOfNul(plain) >= 0) {
            return false; // crypt(3) stops at NUL: such a password cannot be the one that was hashed
        }
        try {
            return OpenBSDBCrypt.checkPassword(stored, truncate(plain));
        } catch (RuntimeException e) { // IllegalArgumentException, DataLengthException
            throw new InvalidStoredPasswordException("malformed BLF-CRYPT value");
        }
    }

    @Override
    public byte[] generate(byte[] plain, GenerateOptions options) {
        return hash(plain, options.roundsOr(DEFAULT_COST)).getBytes(StandardCharsets.UTF_8);
    }

    static String hash(byte[] plain, int cost) {
        if (cost < 4 || cost > 31) {
            throw new IllegalArgumentException("BLF-CRYPT cost must be between 4 and 31");
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        int nul = indexOfNul(plain);
        byte[] pw = nul >= 0 ? Arrays.copyOf(plain, nul) : plain;
        return OpenBSDBCrypt.generate("2y", truncate(pw), salt, cost);
    }

    private static byte[] truncate(byte[] plain) {
        return plain.length > MAX_PASSWORD_BYTES ? Arrays.copyOf(plain, MAX_PASSWORD_BYTES) : plain;
    }

    private static int indexOfNul(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
