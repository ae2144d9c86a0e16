package org.loftmail.imap.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, item 1: patterns that made the regex translation backtrack exponentially. The old code needed about
 * 245 s for seven {@code *a} against 100 {@code a} and ~13 times more for each further one; these use twelve and
 * more, so a generous limit still fails the old code by many orders of magnitude.
 */
class MailboxPatternBacktrackingTest {

    private static final String NAME = "a".repeat(100);
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @Test
    void starsBeforeAMissingLetterAnswerAtOnce() {
        assertTimeoutPreemptively(LIMIT, () -> {
            assertThat(MailboxPattern.of("", "*a".repeat(12) + "b", '/').matches(NAME)).isFalse();
            assertThat(MailboxPattern.of("", "*a".repeat(40) + "*", '/').matches(NAME)).isTrue();
        });
    }

    @Test
    void percentsBeforeAMissingLetterAnswerAtOnce() {
        assertTimeoutPreemptively(LIMIT, () -> {
            assertThat(MailboxPattern.of("", "%a".repeat(12) + "b", '/').matches(NAME)).isFalse();
            assertThat(MailboxPattern.of("", "%a*a%a".repeat(6) + "b", '/').matches(NAME)).isFalse();
        });
    }

    @Test
    void patternsAsLongAsTheLineAllowsAreRefusedNotOverflowed() {
        String huge = "*a".repeat(30_000);
        assertThat(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> MailboxPattern.of("", huge, '/'))).hasMessageContaining("too long");
    }
}
