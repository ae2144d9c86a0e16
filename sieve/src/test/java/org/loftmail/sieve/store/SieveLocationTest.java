package org.loftmail.sieve.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SieveLocationTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "file:~/sieve;active=~/.dovecot.sieve |         | ~/sieve          | ~/.dovecot.sieve",
        "~/sieve;active=~/.dovecot.sieve      |         | ~/sieve          | ~/.dovecot.sieve",
        "file:~/sieve                         |         | ~/sieve          | ~/.dovecot.sieve",
        "file:/var/sieve/%u;active=/var/sieve/%u.active | | /var/sieve/%u | /var/sieve/%u.active",
        "file:~/sieve;bindir=~/.sieve-bin;active=~/x.sieve | | ~/sieve    | ~/x.sieve",
        "~/.dovecot.sieve                     |         | ~/.dovecot.sieve | ~/.dovecot.sieve",
        "~/.dovecot.sieve                     | ~/sieve | ~/sieve          | ~/.dovecot.sieve",
        "~/my.sieve                           | ~/sv    | ~/sv             | ~/my.sieve",
        "file:~/sieve;active=~/a.sieve        | ~/sv    | ~/sieve          | ~/a.sieve",
        "                                     | ~/sv    | ~/sv             | ~/.dovecot.sieve",
    })
    void parsesDovecotForms(String sieve, String sieveDir, String path, String active) {
        SieveLocation l = SieveLocation.parse(sieve, sieveDir).orElseThrow();
        assertThat(l.path()).isEqualTo(path);
        assertThat(l.active()).isEqualTo(active);
    }

    @org.junit.jupiter.api.Test
    void emptyDisablesAndNameIsKept() {
        assertThat(SieveLocation.parse("", "")).isEmpty();
        assertThat(SieveLocation.parse("file:~/x.sieve;name=main", "").orElseThrow().name()).isEqualTo(Optional.of("main"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "dict:proxy::sieve;name=x | not supported",
        "ldap:/etc/ldap.conf      | not supported",
        "file:~/sieve;foo=bar     | Unknown option 'foo'",
        "file:~/sieve;active=     | needs a value",
        "file:                    | has no path",
        "file:~/x;name=a/b        | U+002F",
    })
    void refusesWhatLoftCannotHonour(String sieve, String message) {
        assertThatThrownBy(() -> SieveLocation.parse(sieve, "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @org.junit.jupiter.api.Test
    void settingsNameTheKeyThatIsWrong() {
        assertThatThrownBy(() -> new SieveStoreSettings("dict:x", "", 0, 0, 0))
                .isInstanceOf(org.loftmail.core.config.InvalidSettingException.class)
                .extracting(e -> ((org.loftmail.core.config.InvalidSettingException) e).key()).isEqualTo("sieve");
    }
}
