package org.loftmail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20, hardening: a LIST or SEARCH whose work is out of proportion ends with {@code NO [LIMIT]} instead of
 * holding the session's thread (ADR 0802); the budget is per command, so the session goes on and cheap commands
 * still run. The server here has a small budget so that reaching it takes little time.
 */
class CommandWorkBudgetTest {

    private static final long LIMIT = 500_000;

    @TempDir
    Path dir;

    @Test
    void aListOverManyLongNamesWithABacktrackingPatternIsStopped() throws Exception {
        try (ImapTestServer server = new ImapTestServer(dir, LIMIT); Client c = Client.login(server)) {
            for (int i = 0; i < 50; i++) {
                assertThat(c.command("CREATE " + "a".repeat(200) + i)).last().asString().startsWith("x OK");
            }
            String pattern = "*a".repeat(100) + "b";
            assertThat(c.command("LIST \"\" \"" + pattern + "\"")).containsExactly(
                    "x NO [LIMIT] Command too costly for this server; narrow the pattern or the search.");
            List<String> all = c.command("LIST \"\" \"*\"");
            assertThat(all).last().asString().startsWith("x OK");
            assertThat(all).hasSize(52); // INBOX, the 50, the tagged OK
        }
    }

    @Test
    void aSearchThroughMoreContentThanTheBudgetIsStopped() throws Exception {
        try (ImapTestServer server = new ImapTestServer(dir, LIMIT)) {
            String body = "Subject: big\r\n\r\n" + ("0123456789".repeat(9) + "\r\n").repeat(1_000);
            for (int i = 0; i < 8; i++) {
                server.deliver("alice", "INBOX", body);
            }
            try (Client c = Client.login(server)) {
                c.command("SELECT INBOX");
                assertThat(c.command("SEARCH TEXT \"needle\"")).containsExactly(
                        "x NO [LIMIT] Command too costly for this server; narrow the pattern or the search.");
                List<String> all = c.command("SEARCH ALL");
                assertThat(all.getFirst()).isEqualTo("* SEARCH 1 2 3 4 5 6 7 8");
                assertThat(all.getLast()).startsWith("x OK");
            }
        }
    }

    private record Client(Socket socket, BufferedReader in, OutputStream out) implements AutoCloseable {
        static Client login(ImapTestServer server) throws Exception {
            Socket s = server.connect();
            s.setSoTimeout(20_000);
            Client c = new Client(s, new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)),
                    s.getOutputStream());
            assertThat(c.in.readLine()).startsWith("* OK");
            assertThat(c.command("LOGIN alice secret")).last().asString().startsWith("x OK");
            return c;
        }

        List<String> command(String command) throws Exception {
            out.write(("x " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            List<String> lines = new ArrayList<>();
            for (String l = in.readLine(); l != null; l = in.readLine()) {
                lines.add(l);
                if (l.startsWith("x ")) return lines;
            }
            throw new AssertionError("closed: " + lines);
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }
}
