package org.loftmail.core.storage.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** SENTBEFORE/SENTON/SENTSINCE read the Date: field of mail anyone can send. */
class PlainContentMatcherDateTest {

    @Test
    void aTrailingCommentIsIgnored() {
        assertThat(PlainContentMatcher.parseDate("Tue, 3 Nov 2026 10:00:00 +0100 (CET)")).isEqualTo(LocalDate.of(2026, 11, 3));
        assertThat(PlainContentMatcher.parseDate("Tue, 3 Nov 2026 10:00:00 +0100   (CET)  ")).isEqualTo(LocalDate.of(2026, 11, 3));
        assertThat(PlainContentMatcher.parseDate("Tue,  3 Nov 2026 10:00:00 +0100")).isEqualTo(LocalDate.of(2026, 11, 3));
        assertThat(PlainContentMatcher.parseDate("Tue, 3 Nov 2026 10:00:00 +0100 (a) b")).isNull();
        assertThat(PlainContentMatcher.parseDate("(CET)")).isNull();
    }

    /**
     * Issue 20, item 1 (other places input meets a regex): stripping the comment with {@code \s*\([^)]*\)\s*$} was
     * quadratic, about 10 s for one 64 KB field of '(' or blanks; twenty such messages held a thread for minutes.
     */
    @Test
    void hostileDateFieldsCostLinearTime() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int i = 0; i < 10; i++) {
                assertThat(PlainContentMatcher.parseDate("(".repeat(64 * 1024))).isNull();
                assertThat(PlainContentMatcher.parseDate(" ".repeat(64 * 1024) + "x")).isNull();
            }
        });
    }
}
