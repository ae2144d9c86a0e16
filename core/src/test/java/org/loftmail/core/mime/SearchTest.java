package org.loftmail.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SearchTest {

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            hello      | Say Hello World   | true
            HELLO      | say hello         | true
            cafe       | Café au lait      | true
            CAFÉ       | café              | true
            CAFÉ       | cafe              | false
            naive      | naïve             | false
            NAÏVE      | naïve             | true
            résumé     | résumé | true
            resume     | résumé            | false
            fi         | ﬁ                 | false
            ǆ          | ǅ                 | true
            ω          | Ω                 | true
            straße     | STRASSE           | false
            ßtr        | xßtr              | true
            abcabd     | abcabcabd         | true
            aab        | aaab              | true
            xyz        | abc               | false
            ''         | anything          | true
            """)
    void matchesCaseInsensitively(String needle, String haystack, boolean expected) {
        assertThat(SubstringMatcher.contains(haystack, needle)).isEqualTo(expected);
    }

    @Test
    void findsNeedleSplitAcrossFeeds() {
        String text = "x".repeat(10_000) + "Needle" + "y".repeat(10);
        for (int split = 9_995; split < 10_007; split++) {
            SubstringMatcher m = new SubstringMatcher("needle");
            m.feed(text.substring(0, split));
            assertThat(m.feed(text.substring(split))).as("split at " + split).isTrue();
        }
    }

    @Test
    void readsAHugeTextInBoundedMemory() throws IOException {
        Reader endless = new Reader() {
            long left = 200_000_000L;

            @Override
            public int read(char[] cbuf, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(cbuf, off, off + n, 'a');
                left -= n;
                if (left == 0) {
                    cbuf[off + n - 1] = 'Z';
                }
                return n;
            }

            @Override
            public void close() {}
        };
        assertThat(new SubstringMatcher("aaz").feed(endless)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SGVsbG8gV29ybGQ=          | base64           | Hello World
            SGVsbG8gV29ybGQ           | base64           | Hello World
            SGVs bG8g\\nV29y bGQ=     | base64           | Hello World
            SGVsbG8h*V29ybGQ=         | base64           | Hello!
            SGVsbG8=V29ybGQ=          | base64           | Hello
            Caf=E9 =3D ok             | quoted-printable | Café = ok
            soft=\\nbreak             | quoted-printable | softbreak
            soft=\\r\\nbreak          | quoted-printable | softbreak
            trailing= \\nspace        | quoted-printable | trailingspace
            bad=ZZ escape             | quoted-printable | bad=ZZ escape
            a = b                     | quoted-printable | a = b
            end=                      | quoted-printable | end=
            as is                     | 8bit             | as is
            """)
    void decodesTransferEncodings(String input, String encoding, String expected) throws IOException {
        byte[] raw = input.replace("\\n", "\n").replace("\\r", "\r").getBytes(StandardCharsets.ISO_8859_1);
        try (InputStream in = TransferDecoding.decode(new ByteArrayInputStream(raw), encoding)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1))
                    .isEqualTo(new String(expected.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                            .replace("é", "\u00e9"));
        }
    }

    @Test
    void base64StreamsLargeBodiesInPieces() throws IOException {
        byte[] data = new byte[300_000];
        new java.util.Random(1).nextBytes(data);
        String encoded = java.util.Base64.getMimeEncoder().encodeToString(data);
        try (InputStream in = TransferDecoding.decode(
                new ByteArrayInputStream(encoded.getBytes(StandardCharsets.US_ASCII)), "BASE64")) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    static Path eml(String name) throws Exception {
        return ReferenceCorpusTest.corpus().resolve(name + ".eml");
    }

    @Test
    void bodySearchDecodesPartsAndCharsets() throws Exception {
        Path file = eml("multipart-nested");
        MessageSummary s = MimeParser.parse(file).summary();
        MessageSearch.RawSource src = MessageSearch.of(file);
        // quoted-printable ISO-8859-1 part
        assertThat(MessageSearch.bodyContains(s, src, "café au")).isTrue();
        // base64 UTF-8 html part
        assertThat(MessageSearch.bodyContains(s, src, "<body>Café")).isTrue();
        // base64 pdf is not text: its decoded bytes are not searched
        assertThat(MessageSearch.bodyContains(s, src, "%PDF")).isFalse();
        // headers are not in BODY, but in TEXT
        assertThat(MessageSearch.bodyContains(s, src, "Nested multipart")).isFalse();
        assertThat(MessageSearch.textContains(s, src, "nested MULTIPART")).isTrue();
        assertThat(MessageSearch.textContains(s, src, "The report")).isTrue();
        assertThat(MessageSearch.textContains(s, src, "no such text")).isFalse();
    }

    @Test
    void textSearchDecodesEncodedWordsAndNestedHeaders() throws Exception {
        Path file = eml("encoded-words");
        MessageSummary s = MimeParser.parse(file).summary();
        assertThat(MessageSearch.textContains(s, MessageSearch.of(file), "élève")).isTrue();
        assertThat(MessageSearch.textContains(s, MessageSearch.of(file), "andré")).isTrue();

        Path fwd = eml("message-rfc822");
        MessageSummary f = MimeParser.parse(fwd).summary();
        assertThat(MessageSearch.textContains(f, MessageSearch.of(fwd), "Original Sender")).isTrue();
        assertThat(MessageSearch.bodyContains(f, MessageSearch.of(fwd), "html body")).isTrue();
    }

    @Test
    void headerValuesAreDecodedForSearch() {
        assertThat(MessageSearch.headerValueContains("=?UTF-8?Q?Andr=C3=A9?= <a@b>", "ANDRÉ")).isTrue();
        assertThat(MessageSearch.headerValueContains("folded\r\n value", "folded value")).isTrue();
    }

    @Test
    void rfc2231ParametersDecode() throws Exception {
        MimeMessage m = MimeParser.parse(eml("rfc2231"));
        List<MimePart> parts = m.root().children();
        assertThat(MimeParams.decoded(parts.get(0).fields().disposition().params(), "filename"))
                .isEqualTo("€ rates for 2026.txt");
        assertThat(MimeParams.decoded(parts.get(0).fields().params(), "name")).isEqualTo("very long file name.txt");
        assertThat(MimeParams.decoded(parts.get(1).fields().disposition().params(), "filename")).isEqualTo("Für.txt");
        assertThat(MimeParams.decoded(List.of(new MimeParam("name", "=?UTF-8?Q?r=C3=A9sum=C3=A9.pdf?=")), "name"))
                .isEqualTo("résumé.pdf");
    }

    static Reader reader(String s) {
        return new StringReader(s);
    }
}
