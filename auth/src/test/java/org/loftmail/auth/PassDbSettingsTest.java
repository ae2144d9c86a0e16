package org.loftmail.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassDbSettingsTest {

    private static PassDbSettings filtered(String filter) {
        return PassDbSettings.of("static", "password=x").withFilters(List.of(), filter, null);
    }

    @Test
    void usernameFilterGlobsAndNegations() {
        PassDbSettings s = filtered("*@example.com !admin@* ");
        assertThat(s.matchesUsername("joe@example.com")).isTrue();
        assertThat(s.matchesUsername("joe@example.org")).isFalse();
        assertThat(filtered("!admin@*").matchesUsername("admin@example.com")).isFalse();
        assertThat(filtered("!admin@*").matchesUsername("joe@example.com")).isTrue();
        assertThat(filtered("j?e@*").matchesUsername("joe@x")).isTrue();
        assertThat(filtered("a.b").matchesUsername("axb")).isFalse();
    }

    /** Issue 20, item 1: the filter was a regular expression matched against the name the client sent. */
    @Test
    void aLongUserNameAgainstManyStarsAnswersAtOnce() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                assertThat(filtered("*a".repeat(12) + "b").matchesUsername("a".repeat(100))).isFalse());
    }
}
