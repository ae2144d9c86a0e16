package org.loftmail.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PathArgumentTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("FROM:<a@b>", "a@b", Map.of()),
                Arguments.of("from: <a@b>", "a@b", Map.of()),
                Arguments.of("FROM:<>", "", Map.of()),
                Arguments.of("FROM:<a@b> size=10 BODY=8BITMIME", "a@b", Map.of("SIZE", "10", "BODY", "8BITMIME")),
                Arguments.of("FROM:<@r1,@r2:u@d>", "u@d", Map.of()),
                Arguments.of("FROM:<\"a b>\"@d>", "\"a b>\"@d", Map.of()),
                Arguments.of("FROM:<a@b> X-FLAG", "a@b", Map.of("X-FLAG", "")));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void parsesPathAndParameters(String text, String address, Map<String, String> params) throws Exception {
        PathArgument path = PathArgument.parse(text, "FROM:", true);
        assertThat(path.address()).isEqualTo(address);
        assertThat(path.params()).isEqualTo(params);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "FROM a@b|501 5.5.4 Invalid parameters",
        "FROM:a@b|501 5.5.4 Invalid FROM path: missing '<'",
        "FROM:<a@b|501 5.5.4 Invalid FROM path: missing '>'",
        "FROM:<a b@c>|501 5.5.4 Invalid FROM address",
        "FROM:<nodomain>|501 5.5.4 Invalid FROM address",
        "FROM:<a@b> SIZE=1 SIZE=2|501 5.5.4 Invalid parameters",
        "FROM:<a@b> =x|501 5.5.4 Invalid parameters",
        "FROM:<ä@b>|553 5.6.7 Non-ASCII addresses are not supported"})
    void refusesWithTheReplyTheClientGets(String text, String reply) {
        assertThatThrownBy(() -> PathArgument.parse(text, "FROM:", true))
                .isInstanceOfSatisfying(SyntaxException.class, e -> assertThat(e.reply().summary()).isEqualTo(reply));
    }

    @ParameterizedTest
    @CsvSource({"TO:<jsmith>,jsmith", "TO:<j@x>,j@x"})
    void recipientsMayOmitTheDomainWhereTheDialectAllows(String text, String address) throws Exception {
        assertThat(PathArgument.parse(text, "TO:", false, true).address()).isEqualTo(address);
        assertThatThrownBy(() -> PathArgument.parse("TO:<>", "TO:", false, true)).isInstanceOf(SyntaxException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"rfc822;a+2Bb@c|a+b@c", "RFC822;x@y|x@y", "x400;a|", "rfc822;a+zz|",
        "rfc822;|"})
    void decodesOrcptXtext(String value, String decoded) {
        assertThat(Orcpt.decode(value)).isEqualTo(decoded);
    }
}
