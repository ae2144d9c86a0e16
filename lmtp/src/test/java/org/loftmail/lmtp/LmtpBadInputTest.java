package org.loftmail.lmtp;

import org.loftmail.core.delivery.DeliveryFilter;
import org.loftmail.core.delivery.MailSender;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a broken or hostile client can do: none of it delivers a damaged message, none of it ends the server. */
class LmtpBadInputTest {

    @TempDir
    Path temp;

    private LmtpFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private LmtpClient transaction(String... recipients) throws Exception {
        LmtpClient c = new LmtpClient(fixture.port());
        assertThat(c.line()).startsWith("220 ");
        assertThat(c.send("LHLO test")).endsWith("250 SIZE" + (fixture.delivery.settings().maxMessageSize() > 0
                ? " " + fixture.delivery.settings().maxMessageSize() : ""));
        assertThat(c.send("MAIL FROM:<s@example.org>")).isEqualTo("250 2.1.0 OK");
        for (String r : recipients) {
            assertThat(c.send("RCPT TO:<" + r + ">")).isEqualTo("250 2.1.5 OK");
        }
        return c;
    }

    @Test
    void bareLineFeedsAreStoredAsProperLines() throws Exception {
        fixture = new LmtpFixture(temp).start();
        try (LmtpClient c = transaction("alice@loft.test")) {
            assertThat(c.send("DATA")).isEqualTo("354 OK");
            c.raw("Subject: lf\n\nline one\nline two\r\n.\r\n");
            assertThat(c.reply().get(0)).startsWith("250 2.0.0 <alice@loft.test>");
        }
        assertThat(fixture.storage.messages("alice", "INBOX").get(0).text())
                .endsWith("Subject: lf\r\n\r\nline one\r\nline two\r\n");
    }

    /**
     * SMTP smuggling (issue 20 item 7): only {@code <CRLF>.<CRLF>} ends DATA. Before, {@code <LF>.<LF>},
     * {@code <CRLF>.<LF>} and {@code <LF>.<CRLF>} ended it too, and what followed ran as commands: here a second
     * message to bob that the relay in front never saw.
     */
    @Test
    void onlyCrlfDotCrlfEndsDataSoNoSecondMessageCanBeSmuggledIn() throws Exception {
        fixture = new LmtpFixture(temp).start();
        for (String end : new String[] {"\n.\n", "\r\n.\n", "\n.\r\n"}) {
            try (LmtpClient c = transaction("alice@loft.test")) {
                assertThat(c.send("DATA")).isEqualTo("354 OK");
                c.raw("Subject: outer\r\n\r\nbody" + end + "MAIL FROM:<evil@example.org>\r\n"
                        + "RCPT TO:<bob@loft.test>\r\nDATA\r\nSubject: smuggled\r\n\r\nx\r\n.\r\n");
                assertThat(c.reply().get(0)).startsWith("250 2.0.0 <alice@loft.test>");
                assertThat(c.send("NOOP")).isEqualTo("250 2.0.0 OK");
            }
        }
        assertThat(fixture.storage.messages("bob", "INBOX")).isEmpty();
        assertThat(fixture.storage.messages("alice", "INBOX")).hasSize(3)
                .allSatisfy(m -> assertThat(m.text()).contains("Subject: smuggled"));
    }

    /** The same through the transport's real framing, one byte per write, so CR and LF arrive in separate reads. */
    @Test
    void smugglingSentOneBytePerWriteStillEndsOnlyAtCrlfDotCrlf() throws Exception {
        fixture = new LmtpFixture(temp).start();
        try (LmtpClient c = transaction("alice@loft.test")) {
            c.socket.setTcpNoDelay(true);
            assertThat(c.send("DATA")).isEqualTo("354 OK");
            String payload = "Subject: bytes\r\n\r\nbody\r\n.\nMAIL FROM:<evil@example.org>\n.\r\n"
                    + "RCPT TO:<bob@loft.test>\r\n.\r\n";
            for (byte b : payload.getBytes(java.nio.charset.StandardCharsets.US_ASCII)) {
                c.raw(new byte[] {b});
            }
            assertThat(c.reply().get(0)).startsWith("250 2.0.0 <alice@loft.test>");
        }
        assertThat(fixture.storage.messages("bob", "INBOX")).isEmpty();
        assertThat(fixture.storage.messages("alice", "INBOX").get(0).text())
                .endsWith("body\r\n.\r\nMAIL FROM:<evil@example.org>\r\n.\r\nRCPT TO:<bob@loft.test>\r\n");
    }

    @Test
    void aOneMegabyteLineFailsThatMessageOnlyAndTheSessionGoesOn() throws Exception {
        fixture = new LmtpFixture(temp).start();
        try (LmtpClient c = transaction("alice@loft.test", "dave@loft.test")) {
            assertThat(c.send("DATA")).isEqualTo("354 OK");
            c.raw("Subject: long\r\n\r\n" + "x".repeat(1024 * 1024) + "\r\nafter\r\n.\r\n");
            assertThat(c.reply()).containsExactly("554 5.6.0 <alice@loft.test> Message has a line longer than 65536 bytes");
            assertThat(c.reply()).containsExactly("554 5.6.0 <dave@loft.test> Message has a line longer than 65536 bytes");
            assertThat(c.send("NOOP")).isEqualTo("250 2.0.0 OK");
            // a long command line is answered, not fatal
            assertThat(c.send("NOOP " + "y".repeat(200_000))).isEqualTo("500 5.5.2 Line too long");
            assertThat(c.send("MAIL FROM:<s@example.org>")).isEqualTo("250 2.1.0 OK");
        }
        assertThat(fixture.storage.messages("alice", "INBOX")).isEmpty();
        assertThat(fixture.storage.messages("dave", "INBOX")).isEmpty();
    }

    @Test
    void aMessageOverSizeIsRefusedAtMailAndAfterData() throws Exception {
        fixture = new LmtpFixture(temp);
        fixture.start(fixture.settings().maxMessageSize(1000).build(), org.loftmail.core.delivery.DeliveryFilter.KEEP_ALL,
                org.loftmail.core.delivery.MailSender.NONE);
        try (LmtpClient c = new LmtpClient(fixture.port())) {
            c.line();
            assertThat(c.send("LHLO test")).contains("250 SIZE 1000");
            assertThat(c.send("MAIL FROM:<s@example.org> SIZE=5000"))
                    .isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size");
        }
        try (LmtpClient c = transaction("alice@loft.test")) {
            assertThat(c.send("DATA")).isEqualTo("354 OK");
            c.raw("Subject: big\r\n\r\n" + ("z".repeat(98) + "\r\n").repeat(50) + ".\r\n");
            assertThat(c.reply()).containsExactly("552 5.3.4 <alice@loft.test> Message too big for system");
            // BDAT: the chunk that passes the limit is refused; later chunks get 503 until RSET
            assertThat(c.send("MAIL FROM:<s@example.org>")).isEqualTo("250 2.1.0 OK");
            assertThat(c.send("RCPT TO:<alice@loft.test>")).isEqualTo("250 2.1.5 OK");
            c.raw("BDAT 2000\r\n" + "q".repeat(2000));
            assertThat(c.reply()).containsExactly("552 5.3.4 Message size exceeds fixed maximum message size");
            c.raw("BDAT 5 LAST\r\nabcde");
            assertThat(c.reply()).containsExactly("503 5.5.1 Earlier BDAT failed; send RSET");
            assertThat(c.send("RSET")).isEqualTo("250 2.0.0 OK");
        }
        assertThat(fixture.storage.messages("alice", "INBOX")).isEmpty();
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void aClientThatDisconnectsMidDataDeliversNothingAndLeavesNoFile() throws Exception {
        fixture = new LmtpFixture(temp).start();
        try (LmtpClient c = transaction("alice@loft.test")) {
            assertThat(c.send("DATA")).isEqualTo("354 OK");
            // more than the in-memory threshold, so a spool file exists when the client goes
            c.raw("Subject: cut\r\n\r\n" + ("w".repeat(998) + "\r\n").repeat(300));
            waitForSpoolFile();
        }
        for (int i = 0; i < 200 && !spoolFiles().isEmpty(); i++) {
            Thread.sleep(20);
        }
        assertThat(spoolFiles()).isEmpty();
        assertThat(fixture.storage.messages("alice", "INBOX")).isEmpty();
        // and the server still serves
        try (LmtpClient c = transaction("alice@loft.test")) {
            assertThat(c.send("DATA")).isEqualTo("354 OK");
            assertThat(c.send("Subject: ok\r\n\r\nfine\r\n.")).startsWith("250 2.0.0 <alice@loft.test>");
        }
        assertThat(fixture.storage.messages("alice", "INBOX")).hasSize(1);
    }

    @Test
    void aClientThatDisconnectsMidBdatDeliversNothing() throws Exception {
        fixture = new LmtpFixture(temp).start();
        try (LmtpClient c = transaction("alice@loft.test")) {
            c.raw("BDAT 10\r\n0123456789");
            assertThat(c.reply()).containsExactly("250 2.0.0 Added 10 octets");
            c.raw("BDAT 500000 LAST\r\n" + "p".repeat(200_000));
        }
        Thread.sleep(200);
        assertThat(fixture.storage.messages("alice", "INBOX")).isEmpty();
    }

    @Test
    void aBdatWithoutASizeClosesTheConnection() throws Exception {
        fixture = new LmtpFixture(temp).start();
        try (LmtpClient c = transaction("alice@loft.test")) {
            assertThat(c.send("BDAT lots")).startsWith("501 5.5.4");
            assertThat(c.line()).isNull();
        }
    }

    @Test
    void repliesCannotBeInjectedThroughAnAddress() throws Exception {
        fixture = new LmtpFixture(temp).start();
        try (LmtpClient c = transaction()) {
            // a CR inside the line is not a line end for the client either, but it must not reach the reply raw
            String reply = c.send("RCPT TO:<ghost\r250-x@loft.test>");
            assertThat(reply).doesNotContain("\r").startsWith("501 5.5.4");
        }
    }

    private void waitForSpoolFile() throws Exception {
        for (int i = 0; i < 250; i++) {
            if (!spoolFiles().isEmpty()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the message never reached a spool file");
    }

    private java.util.List<Path> spoolFiles() throws Exception {
        try (Stream<Path> files = Files.list(temp)) {
            return files.filter(p -> p.getFileName().toString().startsWith("loft-spool-")).toList();
        }
    }
}
