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
            byte[] wrong = (new String(v.password(), StandardCharsets.UTF_8) + "!").getBytes(StandardCharsets.UTF_8);
            boolean truncatingScheme = v.password().length >= 72 || stored.value().length() == 13;
            if (!truncatingScheme) {
                assertThat(SCHEMES.verify(wrong, stored, v.user())).as("wrong password").isFalse();
            }
            byte[] other = "definitely-not-it".getBytes(StandardCharsets.UTF_8);
            assertThat(SCHEMES.verify(other, stored, v.user())).as("other password").isFalse();
        }));
    }
}
