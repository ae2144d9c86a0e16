package org.loftmail.auth.scheme;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoredPasswordTest {

    @Test
    void schemePrefixWins() {
        StoredPassword p = StoredPassword.parse("{ssha256}abc", "PLAIN");
        assertThat(p.scheme()).isEqualTo("SSHA256");
        assertThat(p.value()).isEqualTo("abc");
        assertThat(p.explicitEncoding()).isEmpty();
    }

    @Test
    void encodingSuffixes() {
        StoredPassword hex = StoredPassword.parse("{SHA.hex}00", "PLAIN");
        assertThat(hex.baseScheme()).isEqualTo("SHA");
        assertThat(hex.explicitEncoding()).contains(PasswordEncoding.HEX);
        StoredPassword b64 = StoredPassword.parse("{PLAIN.B64}c2VjcmV0", "CRYPT");
        assertThat(b64.baseScheme()).isEqualTo("PLAIN");
        assertThat(b64.explicitEncoding()).contains(PasswordEncoding.BASE64);
        assertThat(StoredPassword.parse("{SCRAM-SHA-1}x", "PLAIN").baseScheme()).isEqualTo("SCRAM-SHA-1");
    }

    @Test
    void bareValuesUseTheDefaultScheme() {
        assertThat(StoredPassword.parse("secret", "PLAIN")).isEqualTo(new StoredPassword("PLAIN", "secret"));
        assertThat(StoredPassword.parse("$6$abc$def", "crypt").scheme()).isEqualTo("CRYPT");
        assertThat(StoredPassword.parse("{}x", "PLAIN")).isEqualTo(new StoredPassword("PLAIN", "{}x"));
        assertThat(StoredPassword.parse("{open", "PLAIN")).isEqualTo(new StoredPassword("PLAIN", "{open"));
    }

    @Test
    void bareMd5CryptIsRecognisedAndTrimmed() {
        assertThat(StoredPassword.parse("$1$salt$hash$trailing", "PLAIN"))
                .isEqualTo(new StoredPassword("MD5-CRYPT", "$1$salt$hash"));
        assertThat(StoredPassword.parse("$1$nodollar", "PLAIN").scheme()).isEqualTo("PLAIN");
    }

    @Test
    void toStringHidesThePassword() {
        assertThat(StoredPassword.parse("{PLAIN}hunter2", "PLAIN").toString()).doesNotContain("hunter2");
    }
}
