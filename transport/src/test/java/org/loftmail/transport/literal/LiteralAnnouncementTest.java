package org.loftmail.transport.literal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class LiteralAnnouncementTest {

    static Stream<Arguments> lines() {
        return Stream.of(
                Arguments.of("a APPEND x {10}", new LiteralAnnouncement(10, false, false, 11)),
                Arguments.of("a APPEND x {10+}", new LiteralAnnouncement(10, true, false, 11)),
                Arguments.of("a APPEND x ~{3}", new LiteralAnnouncement(3, false, true, 11)),
                Arguments.of("a APPEND x ~{3+}", new LiteralAnnouncement(3, true, true, 11)),
                Arguments.of("a APPEND x ~ {3}", new LiteralAnnouncement(3, false, false, 13)),
                Arguments.of("PUTSCRIPT \"s\" {12+}", new LiteralAnnouncement(12, true, false, 14)),
                Arguments.of("{0}", new LiteralAnnouncement(0, false, false, 0)),
                Arguments.of("x {999999999999999999}", new LiteralAnnouncement(999_999_999_999_999_999L, false, false, 2)),
                Arguments.of("a FETCH 1 (BODY[]<0.5>)", null),
                Arguments.of("a x {}", null),
                Arguments.of("a x {+}", null),
                Arguments.of("a x {1-}", null),
                Arguments.of("a x 1}", null),
                Arguments.of("}", null),
                Arguments.of("", null));
    }

    @ParameterizedTest
    @MethodSource("lines")
    void announcementAtTheEndOfALine(String line, LiteralAnnouncement expected) {
        assertThat(LiteralAnnouncement.at(line.getBytes(StandardCharsets.US_ASCII))).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void tooManyDigitsIsNoLiteralAtAll() {
        byte[] line = "a x {9999999999999999999999}".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> LiteralAnnouncement.at(line)).isInstanceOf(WireSyntaxException.class)
                .hasMessage("Literal size too large");
        assertThat(LiteralAnnouncement.lenientlyAt(line)).isEmpty();
    }
}
