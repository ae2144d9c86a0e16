package org.loftmail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.server.MaildirTestBackend;

/**
 * A QRESYNC client comes back after the server lost its index (loft.index, its log, loft.modseq and loft.cache
 * deleted while it was stopped): the mailbox is rebuilt from the Maildir with the same UIDs, and the client's old
 * MODSEQ still gets every change — here all messages and every missing UID, a larger answer, never a smaller one.
 */
class QresyncAfterIndexLossTest {

    @TempDir
    Path dir;

    @Test
    void aLostIndexMeansALargerResyncNeverAMissedChange() throws Exception {
        long uidValidity;
        long modSeq;
        try (ImapTestServer server = new ImapTestServer(dir, ImapSettings.defaults(), false, MaildirTestBackend.MAILDIR)) {
            for (int i = 1; i <= 4; i++) server.deliver("alice", "INBOX", "Subject: m" + i + "\r\n\r\nbody\r\n");
            try (Client c = new Client(server.connect())) {
                c.run("a LOGIN alice secret");
                c.run("b ENABLE QRESYNC");
                List<String> select = c.run("c SELECT INBOX");
                uidValidity = DovecotImap.lastCode(select, "UIDVALIDITY");
                modSeq = DovecotImap.lastCode(select, "HIGHESTMODSEQ");
                // then, while the client is away: a flag change and an expunge
                c.run("d STORE 2 +FLAGS.SILENT (\\Seen)");
                c.run("e STORE 3 +FLAGS.SILENT (\\Deleted)");
                c.run("f EXPUNGE");
                c.run("g LOGOUT");
            }
        }
        int deleted = 0;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("loft.")).toList()) {
                Files.delete(p);
                deleted++;
            }
        }
        assertThat(deleted).as("index files found and deleted").isGreaterThan(1);
        try (ImapTestServer server = new ImapTestServer(dir, ImapSettings.defaults(), false, MaildirTestBackend.MAILDIR);
                Client c = new Client(server.connect())) {
            c.run("a LOGIN alice secret");
            c.run("b ENABLE QRESYNC");
            List<String> select = c.run("c SELECT INBOX (QRESYNC (" + uidValidity + " " + modSeq + "))");
            assertThat(DovecotImap.lastCode(select, "UIDVALIDITY")).isEqualTo(uidValidity);
            assertThat(DovecotImap.lastCode(select, "HIGHESTMODSEQ")).isGreaterThan(modSeq);
            assertThat(select).contains("* VANISHED (EARLIER) 3");
            assertThat(select).anyMatch(l -> l.matches("\\* 2 FETCH \\(UID 2 FLAGS \\(\\\\Seen\\) MODSEQ \\(\\d+\\)\\)"));
            assertThat(select.stream().filter(l -> l.contains(" FETCH (UID ")).count()).as("every message, once").isEqualTo(3);
            c.run("z LOGOUT");
        }
    }

    /** A plain IMAP client: one command, every line up to its tagged OK. */
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
