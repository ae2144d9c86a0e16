package org.loftmail.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 7 MB message (stored with LF line ends, many lines starting with ".") comes back byte-exact: the CRLF size
 * LIST announced, dot-stuffed on the wire, identical on a second RETR. Prints the throughput (not asserted).
 */
class LargeMessageTest {

    @TempDir
    Path dir;

    private static final int LINES = 100_000;
    private static final String LINE = ".line with a leading dot and some text to make it eighty bytes long....";

    /** The message as stored: LF line ends. */
    private static InputStream stored() {
        byte[] header = "From: big@example.com\nSubject: big\n\n".getBytes(StandardCharsets.US_ASCII);
        byte[] line = (LINE + "\n").getBytes(StandardCharsets.US_ASCII);
        long size = header.length + (long) line.length * LINES;
        return new InputStream() {
            long pos;

            @Override
            public int read() {
                if (pos >= size) return -1;
                long p = pos++;
                return p < header.length ? header[(int) p] : line[(int) ((p - header.length) % line.length)];
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= size) return -1;
                int n = (int) Math.min(len, size - pos);
                for (int i = 0; i < n; i++) b[off + i] = (byte) read();
                return n;
            }
        };
    }

    /** What RETR must send: CRLF, every line dot-stuffed (all body lines start with "."). */
    private static byte[] expectedDigest() throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        d.update("From: big@example.com\r\nSubject: big\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] line = ("." + LINE + "\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < LINES; i++) d.update(line);
        d.update(".\r\n".getBytes(StandardCharsets.US_ASCII));
        return d.digest();
    }

    @Test
    void retrOfALargeMessageIsByteExactAndRepeatable() throws Exception {
        try (Pop3TestServer server = new Pop3TestServer(dir, Pop3Settings.defaults(), false)) {
            server.deliver("jsmith", stored());
            long crlfSize = 39L + (LINE.length() + 2L) * LINES;
            byte[] expected = expectedDigest();
            try (Pop3Client c = Pop3Client.login(server, "jsmith", "secret")) {
                assertThat(c.command("LIST 1")).isEqualTo("+OK 1 " + crlfSize);
                for (int round = 0; round < 2; round++) {
                    long start = System.nanoTime();
                    assertThat(c.command("RETR 1")).isEqualTo("+OK " + crlfSize + " octets");
                    byte[] body = c.readRawMultiline();
                    long nanos = System.nanoTime() - start;
                    assertThat(body.length).isEqualTo(crlfSize + LINES + 3);
                    assertThat(MessageDigest.getInstance("SHA-256").digest(body)).isEqualTo(expected);
                    System.out.printf("RETR of %d bytes (%d on the wire) took %d ms: %.0f MB/s%n", crlfSize,
                            body.length, nanos / 1_000_000, body.length / (nanos / 1e9) / 1e6);
                }
                assertThat(c.command("QUIT")).isEqualTo("+OK Logging out.");
            }
        }
    }

    @Test
    void aClientThatHangsUpDuringRetrStopsTheStreaming() throws Exception {
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
                new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger(org.loftmail.core.log.MailLog.LOGGER_ROOT);
        root.addAppender(logs);
        try (Pop3TestServer server = new Pop3TestServer(dir, Pop3Settings.defaults(), false)) {
            server.deliver("jsmith", stored());
            try (Pop3Client c = Pop3Client.login(server, "jsmith", "secret")) {
                c.send("RETR 1");
                c.readLine();
            } // hang up after the status line
            String line = null;
            for (int i = 0; i < 500 && line == null; i++) {
                Thread.sleep(10);
                line = logs.list.stream().map(e -> e.getFormattedMessage())
                        .filter(m -> m.startsWith("pop3(jsmith): Info: Disconnected: ")).findFirst().orElse(null);
            }
            // A RETR that ran to its end would be counted (retr=1/…); the aborted one is not.
            assertThat(line).isEqualTo("pop3(jsmith): Info: Disconnected: Connection closed top=0/0, retr=0/0, "
                    + "del=0/1, size=" + (39L + (LINE.length() + 2L) * LINES));
            assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().contains("Error"));
        } finally {
            root.detachAppender(logs);
        }
    }
}
