package org.loftmail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The message commands on a temporary Maildir, with the server running (admin socket) and without (direct). */
class AdminMessageCommandsTest {

    @TempDir
    Path dir;

    static final String M1 = "From: a@example.com\nSubject: first\n\nhello\n";
    static final String M2 = "From: b@example.com\nSubject: second\n\nworld\n";

    @ParameterizedTest(name = "server running: {0}")
    @ValueSource(booleans = {false, true})
    void saveSearchFetchFlagsCopyMoveExpungeIndexQuotaAndAllUsers(boolean serverRunning) throws Exception {
        AdminFixture site = new AdminFixture(dir);
        LoftServer server = serverRunning ? LoftServer.start(site.config) : null;
        try {
            ok(site.admC("mailbox", "create", "-u", "jsmith", "Spam", "Archive"));
            ok(site.admWithInputC(M1, "save", "-u", "jsmith"));
            ok(site.admWithInputC(M2, "save", "-u", "jsmith"));
            ok(site.admWithInputC(M1, "save", "-u", "jsmith", "-m", "Spam"));
            AdminFixture.Run run = ok(site.admC("search", "-u", "jsmith", "all"));
            assertThat(run.out().lines().toList()).hasSize(3).allMatch(l -> l.matches("[0-9a-f]{32} [12]"));
            run = ok(site.admC("fetch", "-u", "jsmith", "uid hdr.subject", "mailbox", "INBOX", "all"));
            assertThat(run.out()).isEqualTo("uid: 1\nhdr.subject: first\n\f\nuid: 2\nhdr.subject: second\n");
            ok(site.admC("flags", "add", "-u", "jsmith", "\\Seen $Important", "mailbox", "INBOX", "uid", "1"));
            run = ok(site.admC("fetch", "-u", "jsmith", "flags", "mailbox", "INBOX", "seen"));
            assertThat(run.out()).isEqualTo("flags: \\Seen $Important\n");
            ok(site.admC("flags", "remove", "-u", "jsmith", "$Important", "mailbox", "INBOX", "all"));
            ok(site.admC("copy", "-u", "jsmith", "Archive", "mailbox", "INBOX", "seen"));
            ok(site.admC("move", "-u", "jsmith", "Spam", "mailbox", "INBOX", "unseen"));
            run = ok(site.admC("mailbox", "status", "-u", "jsmith", "messages unseen", "*"));
            assertThat(run.out()).isEqualTo("INBOX messages=1 unseen=0\nArchive messages=1 unseen=0\n"
                    + "Spam messages=2 unseen=2\n");
            ok(site.admC("expunge", "-u", "jsmith", "mailbox", "Spam", "subject", "first"));
            run = ok(site.admC("fetch", "-u", "jsmith", "mailbox hdr.subject", "mailbox", "Spam", "all"));
            assertThat(run.out()).isEqualTo("mailbox: Spam\nhdr.subject: second\n");
            ok(site.admC("expunge", "-u", "jsmith", "-m", "mailbox", "Spam", "all"));
            assertThat(ok(site.admC("mailbox", "list", "-u", "jsmith")).out()).isEqualTo("INBOX\nArchive\n");
            ok(site.admC("index", "-u", "jsmith", "*"));
            run = site.admC("quota", "get", "-u", "jsmith");
            assertThat(run.exit()).isEqualTo(64);
            assertThat(run.err()).contains("No quota roots");
            // -A: every user the passwd-file lists, with the Username column
            run = ok(site.admC("mailbox", "status", "-A", "messages", "INBOX"));
            assertThat(run.out()).isEqualTo("jsmith INBOX messages=1\nalice INBOX messages=0\n");
            run = ok(site.admC("-f", "json", "mailbox", "list", "-A"));
            assertThat(parsedByPython(run.out())).isEqualTo(
                    "[{'username': 'jsmith', 'mailbox': 'INBOX'}, {'username': 'jsmith', 'mailbox': 'Archive'}, "
                            + "{'username': 'alice', 'mailbox': 'INBOX'}]");
            // bad input: the right exit codes
            assertThat(site.admC("search", "-u", "jsmith", "frob").exit()).isEqualTo(75);
            assertThat(site.admC("fetch", "-u", "nobody", "uid", "all").exit()).isEqualTo(67);
            assertThat(site.admC("move", "-u", "jsmith", "Nope", "all").exit()).isEqualTo(68);
            assertThat(site.admWithInputC("", "save", "-u", "jsmith").exit()).isEqualTo(65);
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void deduplicateByMessageIdKeepsTheFirstCopy() throws Exception {
        AdminFixture site = new AdminFixture(dir);
        String withId = "Message-ID: <one@example.com>\n" + M1;
        ok(site.admWithInputC(withId, "save", "-u", "jsmith"));
        ok(site.admWithInputC(M2, "save", "-u", "jsmith"));
        ok(site.admWithInputC(withId, "save", "-u", "jsmith"));
        ok(site.admWithInputC(M2, "save", "-u", "jsmith")); // no Message-ID: never a duplicate
        ok(site.admC("deduplicate", "-u", "jsmith", "-m", "mailbox", "INBOX", "all"));
        assertThat(ok(site.admC("fetch", "-u", "jsmith", "uid", "mailbox", "INBOX", "all")).out())
                .isEqualTo("uid: 1\n\f\nuid: 2\n\f\nuid: 4\n");
        ok(site.admC("deduplicate", "-u", "jsmith", "mailbox", "INBOX", "all")); // by GUID: all differ here
        assertThat(ok(site.admC("search", "-u", "jsmith", "all")).out().lines().count()).isEqualTo(3);
    }

    @Test
    void aSaveThroughTheRunningServerReachesAnIdleSessionAtOnce() throws Exception {
        AdminFixture site = new AdminFixture(dir);
        try (LoftServer server = LoftServer.start(site.config);
                Socket s = new Socket("127.0.0.1", site.imapPort)) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            assertThat(in.readLine()).startsWith("* OK");
            send(out, "a LOGIN jsmith secret");
            assertThat(untilTagged(in, "a")).startsWith("a OK");
            send(out, "b SELECT INBOX");
            assertThat(untilTagged(in, "b")).startsWith("b OK");
            send(out, "c IDLE");
            assertThat(in.readLine()).startsWith("+ ");
            long start = System.nanoTime();
            ok(site.admWithInput(M1.getBytes(StandardCharsets.UTF_8), "save", "-u", "jsmith"));
            s.setSoTimeout(2_000);
            assertThat(in.readLine()).isEqualTo("* 1 EXISTS");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2_000);
            send(out, "DONE");
        }
    }

    private static AdminFixture.Run ok(AdminFixture.Run run) {
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        return run;
    }

    private static void send(OutputStream out, String line) throws Exception {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String untilTagged(BufferedReader in, String tag) throws Exception {
        String line;
        while (!(line = in.readLine()).startsWith(tag + " ")) {
            // untagged
        }
        return line;
    }

    /** Python's json module reads the output back (an independent parser). */
    private static String parsedByPython(String json) throws Exception {
        Process p = new ProcessBuilder("python3", "-c", "import json,sys; print(json.load(sys.stdin))").start();
        try (var in = p.getOutputStream()) {
            in.write(json.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).as(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        return out;
    }
}
