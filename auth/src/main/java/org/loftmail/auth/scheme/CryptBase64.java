package org.loftmail.auth.scheme;

import java.security.SecureRandom;

/** The "./0-9A-Za-z" base64 of crypt(3) strings, least significant 6 bits first. */
final class CryptBase64 {
    static final String ALPHABET = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private CryptBase64() {}

    /** Appends {@code chars} characters for the 24-bit value (b2 << 16 | b1 << 8 | b0). */
    static void append(StringBuilder out, int b2, int b1, int b0, int chars) {
        int w = ((b2 & 0xff) << 16) | ((b1 & 0xff) << 8) | (b0 & 0xff);
        for (int i = 0; i < chars; i++) {
            out.append(ALPHABET.charAt(w & 0x3f));
            w >>>= 6;
        }
    }

    /** A random salt of {@code length} characters from the crypt alphabet. */
    static String randomSalt(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(64)));
        }
        return sb.toString();
    }
}
