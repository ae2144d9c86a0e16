package org.loftmail.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EncodedWordsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            plain text                                        | plain text
            =?UTF-8?Q?Andr=C3=A9?=                            | André
            =?utf-8?q?caf=c3=a9_au_lait?=                     | café au lait
            =?ISO-8859-1?B?SvZyZw==?=                         | Jörg
            =?UTF-8?B?w4lsw6h2ZQ==?= and =?UTF-8?Q?x?=        | Élève and x
            =?UTF-8?Q?a?= =?UTF-8?Q?b?=                       | ab
            `=?UTF-8?Q?a?=   	 =?UTF-8?Q?b?=`                 | ab
            =?UTF-8?Q?a?= x =?UTF-8?Q?b?=                     | a x b
            =?UTF-8?B?4oI=?==?UTF-8?B?rA==?=                  | €
            =?UTF-8*en?Q?hello?=                              | hello
            =?windows-1252?Q?=80uro?=                         | €uro
            =?l1?Q?caf=E9?=                                   | café
            =?cp819?Q?caf=E9?=                                | café
            =?KOI8-R?B?8NLJ18XU?=                             | Привет
            =?unknown-charset?Q?x?=                           | =?unknown-charset?Q?x?=
            =?UTF-8?B?###?=                                  | =?UTF-8?B?###?=
            =?UTF-8?X?abc?=                                  | =?UTF-8?X?abc?=
            =?UTF-8?Q?unterminated                           | =?UTF-8?Q?unterminated
            =?UTF-8?Q?bad=ZZescape?=                         | =?UTF-8?Q?bad=ZZescape?=
            =??Q?empty-charset?=                              | =??Q?empty-charset?=
            =?UTF-8?B?w4k?=                                   | É
            a=?UTF-8?Q?b?=c                                   | abc
            """)
    void decodes(String input, String expected) {
        assertThat(EncodedWords.decode(ByteStrings.fromUtf8(input))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Grüße aus Köln       | Grüße aus Köln
            """)
    void rawUtf8HeadersAreReadAsUtf8(String input, String expected) {
        assertThat(EncodedWords.decode(ByteStrings.fromUtf8(input))).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void rawLatin1HeadersStayLatin1() {
        assertThat(EncodedWords.decode("caf\u00e9")).isEqualTo("café");
    }
}
