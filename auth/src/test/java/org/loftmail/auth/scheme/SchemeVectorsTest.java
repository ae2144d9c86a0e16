package org.loftmail.auth.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every vector in scheme-vectors.tsv (made by Dovecot's doveadm pw and libxcrypt's mkpasswd, see
 * make-vectors.py) must verify with its password and fail with a different one.
 */
class SchemeVectorsTest {
    private static final PasswordSchemes SCHEMES = PasswordSchemes.standard();
    private static final boolean LIBCRYPT = Libcrypt.system().available();

    record Vector(String source, byte[] password, String stored, String user, int line) {
        String label() {
            String shown = stored.length() > 40 ? stored.substring(0, 40) + "..." : stored;
            return source + ":" + line + " " + shown;
        }
    }

    static List<Vector> vectors() throws IOException {
        List<Vector> out = new ArrayList<>();
        try (InputStream in = SchemeVectorsTest.class.getResourceAsStream("scheme-vectors.tsv");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                out.add(new Vector(f[0], Base64.getDecoder().decode(f[1]), f[2], f[3], n));
            }
        }
        return out;
    }

    /** Hashes Loft computes in Java; the rest are checked through the system crypt(3). */
    private static boolean needsLibcrypt(StoredPassword stored) {
        String scheme = stored.baseScheme();
        String v = stored.value();
        return (scheme.equals("CRYPT") || scheme.equals("DES-CRYPT"))
                && !(v.startsWith("$1$") || v.startsWith("$5$") || v.startsWith("$6$") || v.startsWith("$2"));
    }

    /** Memory-hard hashes that take a large share of the suite's time under load. */
    private static boolean slow(StoredPassword stored) {
        String v = stored.value();
        return stored.baseScheme().startsWith("ARGON2") || v.startsWith("$y$") || v.startsWith("$gy$") || v.startsWith("$7$");
    }

    @TestFactory
    Stream<DynamicTest> everyVectorVerifies() throws IOException {
        List<Vector> vectors = vectors();
        assertThat(vectors).hasSizeGreaterThan(200);
        return vectors.stream().map(v -> DynamicTest.dynamicTest(v.label(), () -> {
            StoredPassword stored = StoredPassword.parse(v.stored(), "PLAIN");
            if (needsLibcrypt(stored)) {
                assumeTrue(LIBCRYPT, "system libcrypt (crypt_rn) not available");
            }
            assertThat(SCHEMES.verify(v.password(), stored, v.user())).as("right password").isTrue();
            // bcrypt counts 72 bytes and DES 8, so a suffix is no change for them: use another password
            boolean truncating = v.password().length >= 72 || stored.value().length() == 13
                    || stored.value().startsWith("_");
            if (slow(stored) && !"secret".equals(new String(v.password(), StandardCharsets.UTF_8))) {
                return; // slow by design: the wrong-password check runs once per scheme, on the "secret" rows
            }
            String wrong = truncating ? "definitely-not-it" : new String(v.password(), StandardCharsets.UTF_8) + "!";
            assertThat(SCHEMES.verify(wrong.getBytes(StandardCharsets.UTF_8), stored, v.user()))
                    .as("wrong password").isFalse();
        }));
    }

    /** The table can fail: a vector with one character of its hash changed must not verify. */
    @Test
    void tamperedVectorsDoNotVerify() throws IOException {
        int checked = 0;
        for (Vector v : vectors()) {
            StoredPassword stored = StoredPassword.parse(v.stored(), "PLAIN");
            String value = stored.value();
            if (value.isEmpty() || needsLibcrypt(stored) || stored.baseScheme().startsWith("ARGON2") || v.line() % 3 != 0) {
                continue;
            }
            // change a character in the middle of the hash, keeping it in the same alphabet
            // (not at the end: base64's last character may carry padding bits nobody reads)
            int at = value.length() * 2 / 3;
            char c = value.charAt(at);
            char other = Character.isDigit(c) ? (c == '1' ? '2' : '1') : Character.isLowerCase(c) ? (c == 'a' ? 'b' : 'a') : (c == 'A' ? 'B' : 'A');
            StoredPassword tampered = new StoredPassword(stored.scheme(), value.substring(0, at) + other + value.substring(at + 1));
            boolean verified;
            try {
                verified = SCHEMES.verify(v.password(), tampered, v.user());
            } catch (InvalidStoredPasswordException e) {
                verified = false;
            }
            assertThat(verified).as(v.label() + " tampered to " + tampered.value()).isFalse();
            checked++;
        }
        assertThat(checked).isGreaterThan(50);
    }
}
