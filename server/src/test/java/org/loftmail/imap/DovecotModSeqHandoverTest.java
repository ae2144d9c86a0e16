package org.loftmail.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.server.MaildirTestBackend;

/**
 * A client that synchronised with Dovecot comes to Loft on the same Maildir (same UIDVALIDITY) with Dovecot's
 * HIGHESTMODSEQ and must hear of every change made since (ADR 0506): Debian's Dovecot 2.3 writes the mail and drives
 * its MODSEQ up with flag changes, Loft serves the same Maildir, the client resynchronises with QRESYNC; then
 * Dovecot serves it again (expunging and flagging), and Loft, finding its own index out of date, still reports both.
 */
class DovecotModSeqHandoverTest {

    @TempDir
    Path dir;

    private static final Pattern FETCH = Pattern.compile("\\* \\d+ FETCH \\(UID (\\d+) FLAGS \\(([^)]*)\\) MODSEQ \\((\\d+)\\)\\)");

    @Test
    void aClientComingFromDovecotMissesNoChange() throws Exception {
        assumeTrue(DovecotImap.available(), "Dovecot's binaries are not unpacked (scripts/fetch-dovecot-binaries)");
        // Dovecot runs as nobody when the tests run as root: it must be able to pass through the temporary directory
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path home = dir.resolve("home").resolve("alice");
        for (String d : List.of("cur", "new", "tmp")) Files.createDirectories(home.resolve("Maildir").resolve(d));
        StringBuilder c = new StringBuilder();
        for (int i = 1; i <= 3; i++) {
            String msg = "Subject: m" + i + "\r\n\r\nbody " + i + "\r\n";
            c.append("p").append(i).append(" APPEND INBOX {").append(msg.length()).append("+}\r\n").append(msg).append("\r\n");
        }
        c.append("s1 SELECT INBOX (CONDSTORE)\r\n");
        for (int i = 0; i < 40; i++) c.append("f").append(i).append(" STORE 2 ").append(i % 2 == 0 ? '+' : '-').append("FLAGS (\\Flagged)\r\n");
        c.append("f STORE 1 +FLAGS (\\Seen)\r\ns2 SELECT INBOX\r\nz LOGOUT\r\n");
        List<String> dovecot = DovecotImap.session(home, dir.resolve("dovecot-run"), c.toString());
        long uidValidity = DovecotImap.lastCode(dovecot, "UIDVALIDITY");
        long dovecotModSeq = DovecotImap.lastCode(dovecot, "HIGHESTMODSEQ");
        assertThat(dovecotModSeq).as(String.join("\n", dovecot)).isGreaterThan(40);

        long loftModSeq;
        try (ImapTestServer server = new ImapTestServer(dir, ImapSettings.defaults(), false, MaildirTestBackend.MAILDIR);
                Client client = new Client(server.connect())) {
            client.run("a LOGIN alice secret");
            client.run("b ENABLE QRESYNC");
            List<String> select = client.run("c SELECT INBOX (QRESYNC (" + uidValidity + " " + dovecotModSeq + "))");
            assertThat(select).contains("* OK [UIDVALIDITY " + uidValidity + "] UIDs valid");
            loftModSeq = code(select, "HIGHESTMODSEQ");
            assertThat(loftModSeq).as("Loft's MODSEQs continue above Dovecot's").isGreaterThan(dovecotModSeq);
            // Loft cannot know which messages Dovecot changed after the client's MODSEQ: it reports all three
            assertThat(fetched(select)).containsExactly("1 \\Seen", "2 ", "3 ");
            // a change made through Loft is reported to the client holding Dovecot's MODSEQ too
            client.run("d STORE 3 +FLAGS (\\Answered)");
            List<String> since = client.run("e UID FETCH 1:* (FLAGS) (CHANGEDSINCE " + dovecotModSeq + ")");
            assertThat(since).anyMatch(l -> l.matches("\\* 3 FETCH \\(UID 3 FLAGS \\(\\\\Answered\\) MODSEQ \\(\\d+\\)\\)"));
            String status = client.run("f STATUS INBOX (HIGHESTMODSEQ)").get(0);
            Matcher m = Pattern.compile("\\* STATUS INBOX \\(HIGHESTMODSEQ (\\d+)\\)").matcher(status);
            assertThat(m.matches()).as(status).isTrue();
            loftModSeq = Long.parseLong(m.group(1));
            client.run("g LOGOUT");
        }

        // back to Dovecot: it expunges 3 and flags 1 on its own index, its MODSEQ far below Loft's
        List<String> again = DovecotImap.session(home, dir.resolve("dovecot-run"),
                "a SELECT INBOX (CONDSTORE)\r\nb STORE 3 +FLAGS (\\Deleted)\r\nc EXPUNGE\r\nd STORE 1 +FLAGS (\\Answered)\r\n"
                        + "e SELECT INBOX\r\nz LOGOUT\r\n");
        long dovecotModSeq2 = DovecotImap.lastCode(again, "HIGHESTMODSEQ");
        assertThat(DovecotImap.lastCode(again, "UIDVALIDITY")).isEqualTo(uidValidity);

        // Loft again, with its index from before: a client holding either MODSEQ hears of both changes
        try (ImapTestServer server = new ImapTestServer(dir, ImapSettings.defaults(), false, MaildirTestBackend.MAILDIR);
                Client client = new Client(server.connect())) {
            client.run("a LOGIN alice secret");
            client.run("b ENABLE QRESYNC");
            for (long known : List.of(dovecotModSeq2, loftModSeq)) {
                List<String> select = client.run("c SELECT INBOX (QRESYNC (" + uidValidity + " " + known + "))");
                assertThat(code(select, "HIGHESTMODSEQ")).isGreaterThan(Math.max(known, dovecotModSeq2));
                assertThat(select).as("known " + known).contains("* VANISHED (EARLIER) 3");
                assertThat(fetched(select)).as("known " + known).contains("1 \\Answered \\Seen");
            }
            client.run("z LOGOUT");
        }
    }

    /** "uid flags" of each QRESYNC FETCH line. */
    private static List<String> fetched(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            Matcher m = FETCH.matcher(l);
            if (m.matches()) out.add(m.group(1) + " " + m.group(2).replace("\\Recent", "").trim());
        }
        return out;
    }

    private static long code(List<String> lines, String name) {
        return DovecotImap.lastCode(lines, name);
    }

    /** A plain IMAP client over a socket: one command, every line up to its tagged answer. */
    private static final class Client implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        Client(Socket socket) throws Exception {
            this.socket = socket;
            socket.setSoTimeout(10_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
            in.readLine();
        }

        List<String> run(String command) throws Exception {
            out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String tag = command.substring(0, command.indexOf(' '));
            List<String> lines = new ArrayList<>();
            String line;
            do {
                line = in.readLine();
                if (line == null) throw new IllegalStateException("connection closed after " + lines);
                lines.add(line);
            } while (!line.startsWith(tag + " "));
            assertThat(line).as(String.join("\n", lines)).startsWith(tag + " OK");
            return lines;
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }
}
