package org.loftmail.imap.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MailboxPatternTest {

    @ParameterizedTest(name = "[{0}] + [{1}] vs {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            ''       | *              | Work/Projects          | true
            ''       | %              | Work/Projects          | false
            ''       | %              | Work                   | true
            Work/    | %              | Work/Projects          | true
            Work/    | /%             | Work/Projects          | true
            ''       | inbox          | INBOX                  | true
            ''       | INBOX/%        | INBOX/Sub              | true
            ''       | Entw&APw-*     | Entw&APw-rfe           | true
            ''       | Bücher/%       | Bücher/Романы          | true
            ''       | Bücher/%       | Bücher/Романы/Alt      | false
            ''       | Р*ы            | Романы                 | true
            ''       | 📧%             | 📧 box                 | true
            ''       | 📧%             | 📨 box                 | false
            ''       | a.b            | axb                    | false
            """)
    void matchesByCodePoint(String reference, String pattern, String name, boolean expected) {
        assertThat(MailboxPattern.of(reference, pattern, '/').matches(name)).isEqualTo(expected);
    }
}
