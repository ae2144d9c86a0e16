package org.loftmail.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyReaderTest {

    static Stream<Arguments> replies() {
        return Stream.of(
                Arguments.of("250 2.1.5 OK\r\n", new SmtpReply(250, "2.1.5", List.of("OK"))),
                Arguments.of("220 mx ESMTP\r\n", new SmtpReply(220, "", List.of("mx ESMTP"))),
                Arguments.of("250-mx\r\n250-PIPELINING\r\n250 SIZE 100\r\n",
                        new SmtpReply(250, "", List.of("mx", "PIPELINING", "SIZE 100"))),
                Arguments.of("550-5.1.1 no\r\n550 5.1.1 such user\r\n",
                        new SmtpReply(550, "5.1.1", List.of("no", "such user"))),
                // an enhanced code of the wrong class is text, not a code
                Arguments.of("451 5.0.0 odd\r\n", new SmtpReply(451, "", List.of("5.0.0 odd"))),
                Arguments.of("354\r\n", new SmtpReply(354, "", List.of(""))),
                Arguments.of("250 bare lf\n", new SmtpReply(250, "", List.of("bare lf"))),
                Arguments.of("235 2.7.0\r\n", new SmtpReply(235, "2.7.0", List.of(""))));
    }

    @ParameterizedTest
    @MethodSource("replies")
    void parses(String wire, SmtpReply expected) throws IOException {
        assertThat(reader(wire).read()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "25\r\n", "abc hi\r\n", "250x\r\n", "250-a\r\n251 b\r\n", "150 go\r\n",
        "250-unfinished\r\n"})
    void refusesWhatIsNotAReply(String wire) {
        assertThatThrownBy(() -> reader(wire).read()).isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {ReplyReader.MAX_LINE + 10})
    void boundsLineLength(int length) {
        assertThatThrownBy(() -> reader("250 " + "x".repeat(length) + "\r\n").read())
                .isInstanceOf(IOException.class).hasMessageContaining("longer than");
    }

    private static ReplyReader reader(String wire) {
        return new ReplyReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)));
    }
}
