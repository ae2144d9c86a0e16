package org.loftmail.auth.scheme;

import java.util.List;

/**
 * One password scheme (or one family sharing an implementation): how to check a password against
 * the scheme's raw stored bytes and how to make new ones.
 *
 * <p><b>{@link #verify} and {@link #generate} block</b> and some are slow by design (Argon2,
 * bcrypt, crypt with many rounds, PBKDF2, SCRAM): call them from a session's virtual thread or the
 * auth service's workers, never from a Netty event loop.
 *
 * <p>Comparisons are constant-time ({@link ConstantTime}).
 */
public interface PasswordScheme {

    /** The canonical name, upper case. */
    String name();

    /** Other names that mean the same scheme ({@code CLEAR} for {@code CLEARTEXT}). */
    default List<String> aliases() {
        return List.of();
    }

    /** How the raw value is written when the scheme name has no {@code .b64}/{@code .hex} suffix. */
    PasswordEncoding defaultEncoding();

    /** The raw length every valid value has, or 0 when it varies. */
    default int rawLength() {
        return 0;
    }

    /**
     * Checks {@code plain} against {@code raw}, the stored value after decoding.
     *
     * @param user the user name (schemes that salt with it need it; most ignore it)
     * @throws InvalidStoredPasswordException when {@code raw} is not a valid value of this scheme
     */
    boolean verify(byte[] plain, byte[] raw, String user) throws InvalidStoredPasswordException;

    /** Makes a new raw value (random salt) for {@code plain}. */
    byte[] generate(byte[] plain, GenerateOptions options);
}
