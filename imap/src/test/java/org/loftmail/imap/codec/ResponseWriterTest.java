package org.loftmail.imap.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseWriterTest {

    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private final ResponseWriter out = new ResponseWriter(new ResponseSink() {
        @Override
        public void write(byte[] bytes) {
            wire.writeBytes(bytes);
        }

        @Override
        public boolean flush() {
            return true;
        }
    });

    private String sent() {
        out.flush();
        return wire.toString(StandardCharsets.UTF_8);
    }

    @Test
    void stringsAreQuotedOrLiteralised() {
        out.untagged().string("plain").sp().string("say \"hi\" \\o/").sp().string("two\r\nlines").sp()
                .string("Gr\u00fc\u00dfe").sp().nstring((byte[]) null).end();
        assertThat(sent()).isEqualTo("* \"plain\" \"say \\\"hi\\\" \\\\o/\" {10}\r\ntwo\r\nlines {7}\r\nGr\u00fc\u00dfe NIL\r\n");
    }

    @Test
    void numbersAreWrittenInDecimalAtEveryWidth() {
        long[] samples = {0, 9, 10, 99, 100, 4294967295L, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L,
                Long.MAX_VALUE, -1};
        StringBuilder expected = new StringBuilder("* FETCH");
        ResponseWriter.Line l = out.untagged().atom("FETCH");
        for (long n : samples) {
            l.sp().number(n);
            expected.append(' ').append(n);
        }
        l.end();
        assertThat(sent()).isEqualTo(expected + "\r\n");
    }

    @Test
    void statusTextCannotCarryALineBreak() {
        out.status("a1", "NO", null, "evil\r\n* OK injected");
        assertThat(sent()).isEqualTo("a1 NO evil  * OK injected\r\n");
    }

    @Test
    void atomsAndTokensRefuseWhatIsNotOne() {
        assertThatThrownBy(() -> out.untagged().atom("two words")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> out.untagged().token("a\r\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> out.untagged().atoms(List.of("\\Seen", "x\ny"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mailboxNamesGoOutInModifiedUtf7() {
        out.untagged().mailbox("Entw\u00fcrfe").sp().mailbox("inbox").sp().mailbox("A&B").end();
        assertThat(sent()).isEqualTo("* Entw&APw-rfe INBOX A&-B\r\n");
    }

    @Test
    void underImap4rev2MailboxNamesAndTextsAreUtf8() {
        out.utf8(true);
        out.untagged().mailbox("Entw\u00fcrfe").sp().mailbox("inbox").sp().mailbox("A&B").sp().mailbox("say \"\u4f60\"")
                .sp().mailbox("\ud83d\udce7 a\r\nb").end();
        out.status("a1", "NO", null, "Mailbox doesn't exist: N\u00f6where \ud83d\udce7\u0085\r\n");
        assertThat(sent()).isEqualTo("* \"Entw\u00fcrfe\" INBOX A&B \"say \\\"\u4f60\\\"\" {9}\r\n\ud83d\udce7 a\r\nb\r\n"
                + "a1 NO Mailbox doesn't exist: N\u00f6where \ud83d\udce7?  \r\n");
    }

    @Test
    void textsStayAsciiInImap4rev1() {
        out.status("a1", "NO", null, "N\u00f6where \ud83d\udce7");
        assertThat(sent()).isEqualTo("a1 NO N?where ??\r\n");
    }

    @Test
    void streamedLiteralIsExactlyTheAnnouncedSize() throws Exception {
        out.untagged().literal(new ByteArrayInputStream("abc".getBytes()), 5).sp()
                .literal(new ByteArrayInputStream("abcdef".getBytes()), 2).end();
        assertThat(sent()).isEqualTo("* {5}\r\nabc   {2}\r\nab\r\n");
    }

    @Test
    void aLineAbandonedHalfWayIsDroppedBeforeTheNextResponse() {
        try {
            out.untagged().number(1).sp().atom("FETCH").sp().open().atom("FLAGS").sp().atoms(List.of("\\Seen", "bad word"));
        } catch (IllegalArgumentException expected) {
            // a bug in a command: the line is left open
        }
        assertThat(out.discardOpenLine()).isTrue();
        out.status("a", "NO", "SERVERBUG", "Internal error");
        assertThat(sent()).isEqualTo("a NO [SERVERBUG] Internal error\r\n");
    }
}
