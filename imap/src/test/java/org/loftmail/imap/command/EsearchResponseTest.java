package org.loftmail.imap.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loftmail.core.mail.UidSet;
import org.loftmail.imap.codec.ResponseSink;
import org.loftmail.imap.codec.ResponseWriter;
import org.loftmail.imap.codec.SearchReturn;
import org.loftmail.imap.codec.SearchReturn.Option;

/** The ESEARCH line as Dovecot 2.3 writes it: MIN MAX ALL COUNT in that order, whatever order the client asked. */
class EsearchResponseTest {

    static Stream<Arguments> lines() {
        EnumSet<Option> every = EnumSet.of(Option.MIN, Option.MAX, Option.ALL, Option.COUNT);
        return Stream.of(
                Arguments.of("a1", false, every, UidSet.parse("2:4,9"), "* ESEARCH (TAG \"a1\") MIN 2 MAX 9 ALL 2:4,9 COUNT 4"),
                Arguments.of("a1", true, every, UidSet.parse("2:4,9"), "* ESEARCH (TAG \"a1\") UID MIN 2 MAX 9 ALL 2:4,9 COUNT 4"),
                Arguments.of("a1", true, every, UidSet.EMPTY, "* ESEARCH (TAG \"a1\") UID COUNT 0"),
                Arguments.of("a1", false, EnumSet.of(Option.ALL), UidSet.EMPTY, "* ESEARCH (TAG \"a1\")"),
                Arguments.of("x]", false, EnumSet.of(Option.MAX, Option.SAVE), UidSet.parse("1,4294967295"),
                        "* ESEARCH (TAG \"x]\") MAX 4294967295"),
                Arguments.of("t", false, EnumSet.of(Option.COUNT, Option.MIN), UidSet.parse("1:100000"),
                        "* ESEARCH (TAG \"t\") MIN 1 COUNT 100000"),
                Arguments.of("t", false, EnumSet.of(Option.ALL), UidSet.of(1, 3, 5, 6, 7, 100),
                        "* ESEARCH (TAG \"t\") ALL 1,3,5:7,100"));
    }

    @ParameterizedTest
    @MethodSource("lines")
    void writes(String tag, boolean uid, EnumSet<Option> options, UidSet found, String expected) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ResponseWriter out = new ResponseWriter(new ResponseSink() {
            @Override
            public void write(byte[] bytes) {
                wire.writeBytes(bytes);
            }

            @Override
            public boolean flush() {
                return true;
            }
        });
        EsearchResponse.write(out, tag, uid, new SearchReturn(options), found);
        out.flush();
        assertThat(wire.toString(StandardCharsets.US_ASCII)).isEqualTo(expected + "\r\n");
    }
}
