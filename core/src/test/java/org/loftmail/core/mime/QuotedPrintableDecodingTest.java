package org.loftmail.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Quoted-printable decoding (RFC 2045 section 6.7), table-driven; {@code |} stands for CR, {@code ~} for LF. Trailing
 * white space and soft breaks as Dovecot decodes them; broken escapes and a final "=" kept as written, where Dovecot
 * fails the part.
 */
class QuotedPrintableDecodingTest {

    private static String decode(String encoded) throws Exception {
        byte[] in = encoded.replace('|', '\r').replace('~', '\n').getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = TransferDecoding.decode(new ByteArrayInputStream(in), "quoted-printable").readAllBytes();
        return new String(out, StandardCharsets.ISO_8859_1).replace('\r', '|').replace('\n', '~');
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            "soft=|~break|~;softbreak|~",
            "trailing   |~next|~;trailing|~next|~",
            "tabs\t\t|~;tabs|~",
            "bare lf  ~x;bare lf~x",
            "at the end  ;at the end",
            "inner  spaces|~;inner  spaces|~",
            "space before soft  =|~next;space before soft  next",
            "=3D=3d;==",
            "broken =4 escape;broken =4 escape",
            "bad =XY;bad =XY",
            "ends with=;ends with=",
            "=C3=A4;\u00c3\u00a4",
            "lone =| cr;lone =| cr",
            "\" \t |~x\";|~x",
    })
    void decodes(String encoded, String decoded) throws Exception {
        assertThat(decode(encoded)).isEqualTo(decoded);
    }
}
