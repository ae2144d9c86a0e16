package org.loftmail.auth.scheme;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * SHA256-CRYPT ({@code $5$}) and SHA512-CRYPT ({@code $6$}): Ulrich Drepper's SHA-crypt as glibc
 * and libxcrypt implement it, with {@code rounds=N$} (1000 to 999999999, 5000 when absent).
 */
final class ShaCryptScheme implements PasswordScheme {
    static final int DEFAULT_ROUNDS = 5000;
    static final int MIN_ROUNDS = 1000;
    static final int MAX_ROUNDS = 999_999_999;
    private static final String ROUNDS_PREFIX = "rounds=";

    private static final int[][] SHA256_ORDER = {
        {0, 10, 20}, {21, 1, 11}, {12, 22, 2}, {3, 13, 23}, {24, 4, 14},
        {15, 25, 5}, {6, 16, 26}, {27, 7, 17}, {18, 28, 8}, {9, 19, 29}
    };
    private static final int[][] SHA512_ORDER = {
        {0, 21, 42}, {22, 43, 1}, {44, 2, 23}, {3, 24, 45}, {25, 46, 4}, {47, 5, 26}, {6, 27, 48},
        {28, 49, 7}, {50, 8, 29}, {9, 30, 51}, {31, 52, 10}, {53, 11, 32}, {12, 33, 54}, {34, 55, 13},
        {56, 14, 35}, {15, 36, 57}, {37, 58, 16}, {59, 17, 38}, {18, 39, 60}, {40, 61, 19}, {62, 20, 41}
    };

    private final String name;
    private final String magic;
    private final String algorithm;
    private final int[][] order;

    private ShaCryptScheme(String name, String magic, String algorithm, int[][] order) {
        this.name = name;
        this.magic = magic;
        this.algorithm = algorithm;
        this.order = order;
    }

    static ShaCryptScheme sha256() {
        return new ShaCryptScheme("SHA256-CRYPT", "$5$", "SHA-256", SHA256_ORDER);
    }

    static ShaCryptScheme sha512() {
        return new ShaCryptScheme("SHA512-CRYPT", "$6$", "SHA-512", SHA512_ORDER);
    }

    String magic() {
        return magic;
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
        if (!stored.startsWith(magic)) {
            throw new InvalidStoredPasswordException(name + " value does not start with " + magic);
        }
        return ConstantTime.equal(crypt(plain, stored).getBytes(StandardCharsets.UTF_8), raw);
    }

    @Override
    public byte[] generate(byte[] plain, GenerateOptions options) {
        String setting = magic;
        if (options.rounds().isPresent()) {
            // crypt(3) clamps rounds= into [1000, 999999999]; so does doveadm pw, and so do we
            int rounds = Math.max(MIN_ROUNDS, Math.min(MAX_ROUNDS, options.rounds().getAsInt()));
            if (rounds != DEFAULT_ROUNDS) {
                setting += ROUNDS_PREFIX + rounds + "$";
            }
        }
        try {
            return crypt(plain, setting + CryptBase64.randomSalt(16)).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidStoredPasswordException e) {
            throw new IllegalStateException("generated setting rejected", e);
        }
    }

    /** crypt(3) for a {@code $5$}/{@code $6$} setting. */
    String crypt(byte[] pw, String setting) throws InvalidStoredPasswordException {
        String rest = setting.substring(magic.length());
        int rounds = DEFAULT_ROUNDS;
        boolean customRounds = false;
        if (rest.startsWith(ROUNDS_PREFIX)) {
            int end = rest.indexOf('$');
            if (end < 0) {
                throw new InvalidStoredPasswordException(name + " rounds= without '$'");
            }
            long parsed;
            try {
                parsed = Long.parseLong(rest.substring(ROUNDS_PREFIX.length(), end));
            } catch (NumberFormatException e) {
                throw new InvalidStoredPasswordException(name + " rounds= is not a number");
            }
            rounds = (int) Math.max(MIN_ROUNDS, Math.min(MAX_ROUNDS, parsed));
            customRounds = true;
            rest = rest.substring(end + 1);
        }
        int saltEnd = rest.indexOf('$');
        String saltText = rest.substring(0, Math.min(saltEnd < 0 ? rest.length() : saltEnd, 16));
        byte[] salt = saltText.getBytes(StandardCharsets.UTF_8);
        byte[] a = hash(pw, salt, rounds);

        StringBuilder out = new StringBuilder(magic);
        if (customRounds) {
            out.append(ROUNDS_PREFIX).append(rounds).append('$');
        }
        out.append(saltText).append('$');
        for (int[] group : order) {
            CryptBase64.append(out, a[group[0]], a[group[1]], a[group[2]], 4);
        }
        if (a.length == 32) {
            CryptBase64.append(out, 0, a[31], a[30], 3);
        } else {
            CryptBase64.append(out, 0, 0, a[63], 2);
        }
        return out.toString();
    }

    private byte[] hash(byte[] pw, byte[] salt, int rounds) {
        MessageDigest bCtx = DigestScheme.digest(algorithm);
        bCtx.update(pw);
        bCtx.update(salt);
        bCtx.update(pw);
        byte[] b = bCtx.digest();
        int size = b.length;

        MessageDigest aCtx = DigestScheme.digest(algorithm);
        aCtx.update(pw);
        aCtx.update(salt);
        int cnt;
        for (cnt = pw.length; cnt > size; cnt -= size) {
            aCtx.update(b);
        }
        aCtx.update(b, 0, cnt);
        for (cnt = pw.length; cnt > 0; cnt >>>= 1) {
            aCtx.update((cnt & 1) != 0 ? b : pw);
        }
        byte[] a = aCtx.digest();

        MessageDigest dp = DigestScheme.digest(algorithm);
        for (int i = 0; i < pw.length; i++) {
            dp.update(pw);
        }
        byte[] p = repeat(dp.digest(), pw.length);

        MessageDigest ds = DigestScheme.digest(algorithm);
        for (int i = 0; i < 16 + (a[0] & 0xff); i++) {
            ds.update(salt);
        }
        byte[] s = repeat(ds.digest(), salt.length);

        MessageDigest c = DigestScheme.digest(algorithm);
        for (int i = 0; i < rounds; i++) {
            c.update((i & 1) != 0 ? p : a);
            if (i % 3 != 0) {
                c.update(s);
            }
            if (i % 7 != 0) {
                c.update(p);
            }
            c.update((i & 1) != 0 ? a : p);
            a = c.digest();
        }
        return a;
    }

    private static byte[] repeat(byte[] block, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = block[i % block.length];
        }
        return out;
    }
}
