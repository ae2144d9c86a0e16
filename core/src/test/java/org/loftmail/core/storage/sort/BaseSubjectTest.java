package org.loftmail.core.storage.sort;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 5256 section 2.1 base subjects and section 2.2 sent dates, table-driven. */
class BaseSubjectTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "foo|FOO|false",
            "Re: foo|FOO|true",
            "RE:  re: FOO|FOO|true",
            "Fwd: foo|FOO|true",
            "Fw: foo|FOO|true",
            "Re[2]: foo|FOO|true",
            "[list] Re: foo|FOO|true",
            "Re: [list] foo|FOO|true",
            "[list] foo|FOO|false",
            "foo (fwd)|FOO|true",
            "foo (fwd) (FWD)  |FOO|true",
            "[fwd: foo]|FOO|true",
            "[Fwd: Re: foo]|FOO|true",
            "[PATCH 1/2] bar|BAR|false",
            "[] x|X|false",
            "[only a blob]|[ONLY A BLOB]|false",
            "'  spaced\t out  '|SPACED OUT|false",
            "=?UTF-8?Q?Re=3A_=5Blist=5D_foo?=|FOO|true",
            "Ärger|A\u0308RGER|false",
            "Refill|REFILL|false",
            "re:|''|true",
    })
    void baseSubjects(String raw, String expected, boolean replyOrForward) {
        assertThat(BaseSubject.of(raw)).isEqualTo(expected);
        assertThat(BaseSubject.isReplyOrForward(raw)).isEqualTo(replyOrForward);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Mon, 7 Dec 2026 10:00:00 +0000|2026-12-07T10:00:00Z",
            "7 Dec 2026 09:30 -0500|2026-12-07T14:30:00Z",
            "Tue, 08 Dec 2026 08:00:00 GMT|2026-12-08T08:00:00Z",
            "Tue, 8 Dec 26 08:00:00 EST (Eastern)|2026-12-08T13:00:00Z",
            "Thu, 10 Dec 2026 01:00:00 +1300|2026-12-09T12:00:00Z",
    })
    void sentDates(String value, String instant) {
        assertThat(SentDate.parse(value)).contains(Instant.parse(instant));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"not a date", "32 Dec 2026 10:00:00 +0000", "7 Foo 2026 10:00 +0000", "''", "7 Dec 2026 25:00 +0000"})
    void unreadableDates(String value) {
        assertThat(SentDate.parse(value)).isEmpty();
    }
}
