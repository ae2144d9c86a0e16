package org.loftmail.auth.scheme;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What a SCRAM server stores (RFC 5802 section 3): iteration count, salt, StoredKey, ServerKey.
 * Dovecot writes it as {@code <iterations>,<salt b64>,<StoredKey b64>,<ServerKey b64>}.
 */
public record ScramCredentials(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {
    /** Refuse stored iteration counts that would let one passdb entry burn minutes of CPU. */
    static final int MAX_ITERATIONS = 10_000_000;

    public ScramCredentials {
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("SCRAM iteration count out of range");
        }
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] storedKey() {
        return storedKey.clone();
    }

    @Override
    public byte[] serverKey() {
        return serverKey.clone();
    }

    /** Parses Dovecot's text form; {@code keyLength} is the hash's length (20 or 32). */
    public static ScramCredentials parse(byte[] raw, int keyLength) throws InvalidStoredPasswordException {
        String[] parts = new String(raw, StandardCharsets.US_ASCII).split(",", -1);
        if (parts.length != 4) {
            throw new InvalidStoredPasswordException("SCRAM value is not iterations,salt,storedkey,serverkey");
        }
        try {
            int iterations = Integer.parseInt(parts[0]);
            Base64.Decoder b64 = Base64.getDecoder();
            byte[] salt = b64.decode(parts[1]);
            byte[] storedKey = b64.decode(parts[2]);
            byte[] serverKey = b64.decode(parts[3]);
            if (salt.length == 0 || storedKey.length != keyLength || serverKey.length != keyLength) {
                throw new InvalidStoredPasswordException("SCRAM salt or key has the wrong length");
            }
            return new ScramCredentials(iterations, salt, storedKey, serverKey);
        } catch (IllegalArgumentException e) {
            throw new InvalidStoredPasswordException("SCRAM value malformed");
        }
    }

    /** Dovecot's text form. */
    public String format() {
        Base64.Encoder b64 = Base64.getEncoder();
        return iterations + "," + b64.encodeToString(salt) + "," + b64.encodeToString(storedKey) + ","
                + b64.encodeToString(serverKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScramCredentials c && c.iterations == iterations
                && java.util.Arrays.equals(c.salt, salt) && java.util.Arrays.equals(c.storedKey, storedKey)
                && java.util.Arrays.equals(c.serverKey, serverKey);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(storedKey);
    }

    @Override
    public String toString() {
        return "ScramCredentials[iterations=" + iterations + "]";
    }
}
