package org.loftmail.auth.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LibcryptTest {

    @Test
    void withoutLibcryptOtherCryptHashesAreInvalidNotMatches() throws Exception {
        CryptScheme crypt = new CryptScheme("CRYPT", Libcrypt.unavailable("test: no libcrypt"), CryptScheme.Generates.BCRYPT);
        PasswordSchemes schemes = new PasswordSchemes(List.of(crypt));
        assertThatThrownBy(() -> schemes.verify("secret".getBytes(StandardCharsets.UTF_8),
                new StoredPassword("CRYPT", "0iDUyCcDZarus"), ""))
                .isInstanceOf(InvalidStoredPasswordException.class)
                .hasMessageContaining("no libcrypt");
        // the hashes Loft computes in Java do not need it (doveadm pw -s SHA512-CRYPT -p secret)
        StoredPassword sha = new StoredPassword("CRYPT", "$6$b08RHE6nfFFa.ijq$alEVyYUsv2LBH0w5FL0QYb5b5VUm.9gapI9egIiDLF1miBASFPyiqk.0NLmrgvQB8.LealEroMFSsWm88ZbJF/");
        assertThat(schemes.verify("secret".getBytes(StandardCharsets.UTF_8), sha, "")).isTrue();
    }

    @Test
    void nulBytesNeverMatchThroughC() throws Exception {
        Libcrypt libcrypt = Libcrypt.system();
        assumeTrue(libcrypt.available(), "system libcrypt not available");
        String des = libcrypt.crypt("secret".getBytes(StandardCharsets.UTF_8), "ab").orElseThrow();
        assertThat(des).startsWith("ab").hasSize(13);
        assertThat(libcrypt.crypt("secret\0tail".getBytes(StandardCharsets.UTF_8), des)).isEmpty();
        assertThat(libcrypt.crypt("secret".getBytes(StandardCharsets.UTF_8), "$nonsense$")).isEmpty();
    }
}
