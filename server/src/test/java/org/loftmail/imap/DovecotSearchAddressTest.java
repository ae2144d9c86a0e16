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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.server.MaildirTestBackend;

/**
 * SEARCH on address fields (FROM, TO, CC, BCC) against Debian's Dovecot 2.3 on a corpus of tricky addresses
 * (display names, encoded words, groups, comments, missing domains, IDN): the same APPENDs, the same queries, the same
 * answers.
 */
class DovecotSearchAddressTest {

    @TempDir
    static Path dir;

    static final List<String> COMMANDS = List.of(
            "SEARCH FROM alice", "SEARCH FROM \"Alice Example\"", "SEARCH FROM example.org", "SEARCH FROM \"@example.org\"",
            "SEARCH FROM \"alice@example.org\"", "SEARCH FROM \"<alice@example.org>\"", "SEARCH FROM Ärger",
            "SEARCH FROM aerger", "SEARCH CHARSET UTF-8 FROM \"Ärger\"", "SEARCH TO undisclosed", "SEARCH TO group",
            "SEARCH TO \"a@example.org\"", "SEARCH CC carol", "SEARCH FROM comment", "SEARCH FROM \"(the boss)\"",
            "SEARCH FROM noname", "SEARCH FROM nodomain", "SEARCH FROM \"Bob B.\"", "SEARCH FROM \"\\\"Bob\"",
            "SEARCH TO Jörg", "SEARCH TO joerg", "SEARCH CHARSET UTF-8 TO Jörg", "SEARCH FROM xn--", "SEARCH FROM bücher",
            "SEARCH BCC hidden", "SEARCH FROM \"\"", "SEARCH TO \"\"", "SEARCH FROM zoe", "SEARCH FROM Zoë",
            "SEARCH CHARSET UTF-8 FROM Zoë", "SEARCH FROM \"example.org>\"", "SEARCH FROM \" \"", "SEARCH FROM ALICE",
            "SEARCH FROM mallory", "SEARCH FROM \"mallory@\"", "SEARCH TO \";\"", "SEARCH TO \":\"",
            "SEARCH FROM MISSING", "SEARCH TO \"group: a\"", "SEARCH TO \"a@example.org, b@\"",
            "SEARCH CHARSET UTF-8 FROM \"Zoë <zoe@\"", "SEARCH FROM \"Example <alice\"", "SEARCH TO \"the builder\"",
            "SEARCH FROM \"boss comment <zed\"", "SEARCH TO \"Carol <carol@example.org>, dave\"", "SEARCH FROM \"[192.0.2.1]\"",
            "SEARCH TO \"undisclosed-recipients:;\"", "SEARCH FROM \"B. <bob\"", "SEARCH TO \"=?ISO\"",
            "SEARCH FROM \"Example\\\" <\"", "SEARCH FROM \"(the\"", "SEARCH FROM \"<bob\"", "SEARCH TO \"org>,\"",
            "SEARCH TO \"Carol <\"", "SEARCH TO \"<dave\"", "SEARCH FROM \"Ärger <\"", "SEARCH CHARSET UTF-8 FROM \"Ärger <\"",
            "SEARCH FROM \"<zed@example.org>\"");

    /** Messages with tricky address fields; INTERNALDATEs a day apart. */
    static final List<String> CORPUS = List.of(
            "From: Alice Example <alice@example.org>\r\nTo: bob@example.org\r\nSubject: 1\r\n\r\nx\r\n",
            "From: \"Bob B.\" <bob@example.org>\r\nTo: Alice <alice@example.org>\r\nCc: carol@example.org\r\nSubject: 2\r\n\r\nx\r\n",
            "From: =?UTF-8?B?w4RyZ2Vy?= <aerger@example.org>\r\nTo: undisclosed-recipients:;\r\nSubject: 3\r\n\r\nx\r\n",
            "From: zed@example.org (the boss comment)\r\nTo: group: a@example.org, b@example.org;\r\nSubject: 4\r\n\r\nx\r\n",
            "From: <noname@example.org>\r\nTo: nodomain\r\nBcc: hidden@example.net\r\nSubject: 5\r\n\r\nx\r\n",
            "From: nodomain\r\nTo: =?ISO-8859-1?Q?J=F6rg?= <joerg@example.org>\r\nSubject: 6\r\n\r\nx\r\n",
            "From: \"Zoë\" <zoe@example.org>\r\nTo: info@xn--bcher-kva.example\r\nSubject: 7\r\n\r\nx\r\n",
            "From: mallory@[192.0.2.1]\r\nTo: \"Bob \\\"the builder\\\"\" <bob@example.org>\r\nSubject: 8\r\n\r\nx\r\n",
            "From: info@bücher.example\r\nTo: Carol <carol@example.org>, dave@example.org\r\nCc: \r\nSubject: 9\r\n\r\nx\r\n",
            "To: alice@example.org\r\nSubject: 10 no from\r\n\r\nx\r\n");

    static Map<String, List<String>> dovecot;
    static Map<String, List<String>> loft;

    @BeforeAll
    static void runBoth() throws Exception {
        if (!DovecotImap.available()) return;
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path dovecotHome = dir.resolve("dovecot-home");
        for (String d : List.of("cur", "new", "tmp")) Files.createDirectories(dovecotHome.resolve("Maildir").resolve(d));
        StringBuilder c = new StringBuilder();
        List<String> appends = appends();
        for (String a : appends) c.append(a);
        c.append("s SELECT INBOX\r\n");
        DovecotImap.session(dovecotHome, dir.resolve("dovecot-run"), c + "z LOGOUT\r\n");
        // one Dovecot session per query: Dovecot runs pipelined commands side by side and may reorder answers
        List<String> dovecotLines = new ArrayList<>();
        for (int i = 0; i < COMMANDS.size(); i++) {
            dovecotLines.addAll(DovecotImap.session(dovecotHome, dir.resolve("dovecot-run"),
                    "s SELECT INBOX\r\nq" + i + " " + COMMANDS.get(i) + "\r\nz LOGOUT\r\n"));
        }
        dovecot = answers(dovecotLines);
        for (int i = 0; i < COMMANDS.size(); i++) c.append("q").append(i).append(' ').append(COMMANDS.get(i)).append("\r\n");
        c.append("z LOGOUT\r\n");

        try (ImapTestServer server = new ImapTestServer(dir.resolve("loft"), ImapSettings.defaults(), false, MaildirTestBackend.MAILDIR);
                Socket socket = server.connect()) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            in.readLine();
            out.write(("l LOGIN alice secret\r\n" + c).getBytes(StandardCharsets.UTF_8));
            out.flush();
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("z ")) break;
            }
            loft = answers(lines);
        }
    }

    /** APPENDs with non-synchronising literals and INTERNALDATEs a day apart. */
    private static List<String> appends() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < CORPUS.size(); i++) {
            byte[] msg = CORPUS.get(i).getBytes(StandardCharsets.UTF_8);
            String date = String.format("\"%02d-Nov-2026 12:00:00 +0000\"", i + 1);
            out.add("a" + i + " APPEND INBOX () " + date + " {" + msg.length + "+}\r\n" + CORPUS.get(i) + "\r\n");
        }
        return out;
    }

    /**
     * Per query tag, its untagged SEARCH lines and its tagged result (each Dovecot query runs in its own session,
     * and Loft runs pipelined commands one after the other, so the lines before a tagged line are its own).
     */
    private static Map<String, List<String>> answers(List<String> lines) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> pending = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith("* SEARCH")) pending.add(l);
            else if (l.startsWith("q") && l.contains(" ")) {
                String tag = l.substring(0, l.indexOf(' '));
                List<String> got = new ArrayList<>(pending);
                got.add(l.substring(tag.length() + 1).replaceAll(" \\(.*secs\\)\\.$", "").replaceAll("\\.$", ""));
                out.put(tag, got);
                pending.clear();
            }
        }
        return out;
    }

    @Test
    void addressSearchesAnswerAsDovecotDoes() {
        assumeTrue(DovecotImap.available(), "Dovecot's binaries are not unpacked (scripts/fetch-dovecot-binaries)");
        assertThat(dovecot).as("Dovecot answered every query").hasSize(COMMANDS.size());
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < COMMANDS.size(); i++) {
            String tag = "q" + i;
            List<String> want = dovecot.get(tag);
            List<String> got = loft.get(tag);
            if (!want.equals(got)) differences.add(COMMANDS.get(i) + "\n  dovecot: " + want + "\n  loft:    " + got);
        }
        assertThat(differences).as(String.join("\n", differences)).isEmpty();
    }
}
