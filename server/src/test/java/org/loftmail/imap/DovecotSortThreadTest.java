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
 * SORT and THREAD against Debian's Dovecot 2.3 on the same corpus of tricky messages (Re:/Fwd:/[list] subjects,
 * encoded words, missing and odd dates, display names, groups, missing fields, replies by References and
 * In-Reply-To): both servers get the same APPENDs with the same INTERNALDATEs, then the same commands, and must
 * give the same untagged answers.
 */
class DovecotSortThreadTest {

    @TempDir
    static Path dir;

    static final List<String> COMMANDS = List.of(
            "SORT (SUBJECT) UTF-8 ALL", "SORT (REVERSE SUBJECT) UTF-8 ALL", "SORT (DATE) UTF-8 ALL",
            "SORT (REVERSE DATE) UTF-8 ALL", "SORT (ARRIVAL) UTF-8 ALL", "SORT (REVERSE ARRIVAL) UTF-8 ALL",
            "SORT (SIZE) UTF-8 ALL", "SORT (FROM) UTF-8 ALL", "SORT (TO) UTF-8 ALL", "SORT (CC) UTF-8 ALL",
            "SORT (DISPLAYFROM) UTF-8 ALL", "SORT (DISPLAYTO) UTF-8 ALL", "SORT (SUBJECT DATE) UTF-8 ALL",
            "SORT (FROM REVERSE SIZE) UTF-8 ALL", "UID SORT (SUBJECT) UTF-8 SUBJECT re", "SORT (DATE) UTF-8 2:9",
            "SORT RETURN (MIN MAX COUNT) (SUBJECT) UTF-8 ALL", "SORT RETURN (ALL) (DATE) UTF-8 ALL",
            "UID SORT RETURN (ALL COUNT) (REVERSE ARRIVAL) UTF-8 ALL",
            "THREAD ORDEREDSUBJECT UTF-8 ALL", "THREAD REFERENCES UTF-8 ALL", "UID THREAD REFERENCES UTF-8 ALL",
            "THREAD ORDEREDSUBJECT UTF-8 SUBJECT foo", "THREAD REFERENCES UTF-8 NOT SUBJECT lonely");

    /** The corpus: each entry is a message; its INTERNALDATE is one day apart, in order. */
    static final List<String> CORPUS = List.of(
            "From: Alice Example <alice@example.org>\r\nTo: bob@example.org\r\nSubject: foo\r\nDate: Mon, 7 Dec 2026 10:00:00 +0000\r\nMessage-ID: <1@x>\r\n\r\nfirst\r\n",
            "From: \"Bob B.\" <bob@example.org>\r\nTo: Alice <alice@example.org>\r\nCc: carol@example.org\r\nSubject: Re: foo\r\nDate: Mon, 7 Dec 2026 11:00:00 +0100\r\nMessage-ID: <2@x>\r\nIn-Reply-To: <1@x>\r\nReferences: <1@x>\r\n\r\nreply\r\n",
            "From: =?UTF-8?B?w4RyZ2Vy?= <aerger@example.org>\r\nTo: undisclosed-recipients:;\r\nSubject: =?UTF-8?Q?Re=3A_=5Blist=5D_foo?=\r\nDate: 7 Dec 2026 09:30 -0500\r\nMessage-ID: <3@x>\r\nReferences: <1@x> <2@x>\r\n\r\nencoded\r\n",
            "From: zed@example.org\r\nTo: group: a@example.org, b@example.org;\r\nSubject: [list] Fwd: bar (fwd)\r\nDate: Tue, 08 Dec 2026 08:00:00 GMT\r\nMessage-ID: <4@x>\r\n\r\nforward\r\n",
            "From: Carol <carol@example.org>\r\nTo: zed@example.org\r\nSubject: [fwd: bar]\r\nMessage-ID: <5@x>\r\nIn-Reply-To: <4@x>\r\n\r\nno date at all, a bit longer body to change the size\r\n",
            "From: <noname@example.org>\r\nSubject: RE:  re: FOO\r\nDate: not a date\r\nMessage-ID: <6@x>\r\nReferences: <2@x> <missing@x>\r\n\r\nodd date\r\n",
            "To: nobody\r\nSubject: lonely\r\nDate: Wed, 9 Dec 2026 12:00:00 +0000\r\n\r\nno from, no message-id\r\n",
            "From: Bob <bob@example.org>\r\nTo: alice@example.org\r\nSubject: Fw: [PATCH 1/2] baz\r\nDate: Wed, 9 Dec 2026 12:00:00 +0000\r\nMessage-ID: <8@x>\r\nIn-Reply-To: <7@nowhere>\r\n\r\npatch\r\n",
            "From: alice@example.org\r\nTo: Bob <bob@example.org>\r\nSubject: Re: [PATCH 1/2] baz\r\nDate: Thu, 10 Dec 2026 01:00:00 +1300\r\nMessage-ID: <9@x>\r\nReferences: <8@x>\r\n\r\nreview\r\n",
            "From: \"Zoë\" <zoe@example.org>\r\nTo: =?ISO-8859-1?Q?J=F6rg?= <joerg@example.org>\r\nSubject: \r\nDate: Fri, 11 Dec 2026 00:00:00 +0000\r\nMessage-ID: <10@x>\r\nReferences: <10@x>\r\n\r\nempty subject, references itself\r\n",
            "From: mallory@example.org\r\nTo: alice@example.org\r\nDate: Fri, 11 Dec 2026 00:00:00 +0000\r\nMessage-ID: <1@x>\r\n\r\nno subject, duplicate message-id\r\n",
            "From: Alice Example <ALICE@example.org>\r\nTo: bob@example.org\r\nSubject: Re: Re: foo\r\nDate: Mon, 7 Dec 2026 10:00:00 +0000\r\nMessage-ID: <12@x>\r\nIn-Reply-To: <3@x>\r\n\r\nsame date as the first\r\n",
            "From: bob@example.org\r\nSubject: Re: lonely\r\nDate: Sat, 12 Dec 2026 00:00:00 +0000\r\nMessage-ID: <13@x>\r\n\r\na reply without references: threads by subject are not merged\r\n",
            "From: carol@example.org\r\nSubject: [list] lonely\r\nDate: Thu, 10 Dec 2026 00:00:00 -0800\r\nMessage-ID: <14@x>\r\nReferences: <14@x> <13@x>\r\nIn-Reply-To: <1@x>\r\n\r\nrefers to itself and a later message\r\n");

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
     * The untagged SORT/THREAD/ESEARCH answers in order (each query gives exactly one; Dovecot runs pipelined
     * commands side by side, so its tagged lines need not follow their own answers), then the tagged results.
     */
    private static Map<String, List<String>> answers(List<String> lines) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> untagged = new ArrayList<>();
        List<String> tagged = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith("* SORT") || l.startsWith("* THREAD") || l.startsWith("* ESEARCH")) untagged.add(l);
            else if (l.startsWith("q")) tagged.add(l.replaceAll(" \\(.*secs\\)\\.$", "").replaceAll("\\.$", ""));
        }
        for (int i = 0; i < untagged.size(); i++) out.put("q" + i, List.of(untagged.get(i)));
        out.put("tagged", tagged);
        return out;
    }

    @Test
    void sortAndThreadAnswerAsDovecotDoes() {
        assumeTrue(DovecotImap.available(), "Dovecot's binaries are not unpacked (scripts/fetch-dovecot-binaries)");
        assertThat(dovecot).as("Dovecot answered every query").hasSize(COMMANDS.size() + 1);
        assertThat(loft.get("tagged")).isEqualTo(dovecot.get("tagged"));
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
