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
 * Stored values in unusual shapes (hex where base64 is the default, crypt strings under another
 * crypt scheme, lower-case names, suffixes, broken values) are accepted exactly when Dovecot
 * 2.3.19 accepts them: dovecot-acceptance.tsv records what a running Dovecot said (see
 * make-dovecot-acceptance.py). The default scheme is CRYPT, as for Dovecot's passwd-file.
 */
class RecordedAcceptanceTest {
    private static final PasswordSchemes SCHEMES = PasswordSchemes.standard();

    record Row(boolean dovecotAccepts, byte[] password, String stored, int line) {}

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = RecordedAcceptanceTest.class.getResourceAsStream("dovecot-acceptance.tsv");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                rows.add(new Row(f[0].equals("ok"), Base64.getDecoder().decode(f[1]), f[2], n));
            }
        }
        return rows;
    }

    @TestFactory
    Stream<DynamicTest> acceptsWhatDovecotAccepts() throws IOException {
        List<Row> rows = rows();
        assertThat(rows).hasSizeGreaterThan(60);
        boolean libcrypt = Libcrypt.system().available();
        return rows.stream().map(row -> DynamicTest.dynamicTest(
                "line " + row.line() + (row.dovecotAccepts() ? " ok " : " fail ") + row.stored(), () -> {
                    StoredPassword stored = StoredPassword.parse(row.stored(), "CRYPT");
                    String v = stored.value();
                    if (!v.startsWith("$1$") && !v.startsWith("$2") && !v.startsWith("$5$") && !v.startsWith("$6$")
                            && stored.baseScheme().endsWith("CRYPT")) {
                        assumeTrue(libcrypt, "system libcrypt not available");
                    }
                    boolean accepted;
                    try {
                        accepted = SCHEMES.verify(row.password(), stored, "u");
                    } catch (InvalidStoredPasswordException e) {
                        accepted = false;
                    }
                    assertThat(accepted).isEqualTo(row.dovecotAccepts());
                }));
    }
}
