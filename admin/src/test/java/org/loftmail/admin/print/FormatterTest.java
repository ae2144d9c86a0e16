package org.loftmail.admin.print;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The formats against what Debian's doveadm 2.3.19 printed for the same rows (recorded by hand). */
class FormatterTest {

    private static String print(String format, List<Header> headers, String... values) {
        StringWriter s = new StringWriter();
        Printer p = new Printer(Formatter.named(format), new PrintWriter(s));
        p.headers(headers);
        p.row(values);
        p.end();
        return s.toString();
    }

    static final List<Header> STATUS = List.of(Header.hidden("mailbox"), Header.of("messages"), Header.of("unseen"));

    @Test
    void flowPrintsHiddenTitlesAsValuesAndTheRestAsKeyValue() {
        assertThat(print("flow", STATUS, "Spam", "1", "1", "INBOX", "1", "0"))
                .isEqualTo("Spam messages=1 unseen=1\nINBOX messages=1 unseen=0\n");
    }

    @Test
    void tabPrintsAHeadingEvenForHiddenTitles() {
        assertThat(print("tab", STATUS, "Spam", "1", "1", "INBOX", "1", "0"))
                .isEqualTo("mailbox\tmessages\tunseen\nSpam\t1\t1\nINBOX\t1\t0\n");
    }

    @Test
    void jsonIsAnArrayOfStringValuesWithoutATrailingNewline() {
        assertThat(print("json", STATUS, "Sp\"am", "1", "1", "INBOX", "1", "0"))
                .isEqualTo("[{\"mailbox\":\"Sp\\\"am\",\"messages\":\"1\",\"unseen\":\"1\"},"
                        + "{\"mailbox\":\"INBOX\",\"messages\":\"1\",\"unseen\":\"0\"}]");
        assertThat(print("json", STATUS)).isEqualTo("[]");
    }

    @Test
    void tableGivesHalfTheRoomLeftToTheLastColumnAsDoveadmDoes() {
        // doveadm -f table mailbox status -u jsmith "messages unseen" '*'
        assertThat(print("table", STATUS, "Spam", "1", "1", "INBOX", "1", "0")).isEqualTo(
                "mailbox messages unseen                            \n"
                + "Spam    1        1                                 \n"
                + "INBOX   1        0                                 \n");
        // doveadm quota get (Value, Limit and % right-justified)
        List<Header> quota = List.of(Header.of("Quota name"), Header.of("Type"), Header.number("Value", "Value"),
                Header.number("Limit", "Limit"), Header.number("%", "%"));
        assertThat(print("table", quota, "User quota", "STORAGE", "1", "1024", "0", "User quota", "MESSAGE", "2", "-", "0"))
                .isEqualTo("Quota name Type    Value Limit                         %\n"
                        + "User quota STORAGE     1  1024                         0\n"
                        + "User quota MESSAGE     2     -                         0\n");
    }

    @Test
    void pagerSeparatesRowsWithAFormFeedLine() {
        List<Header> h = List.of(Header.of("uid"), Header.of("flags"));
        assertThat(print("pager", h, "1", "\\Recent", "1", "\\Seen \\Recent $Junk"))
                .isEqualTo("uid: 1\nflags: \\Recent\n\f\nuid: 1\nflags: \\Seen \\Recent $Junk\n");
    }
}
