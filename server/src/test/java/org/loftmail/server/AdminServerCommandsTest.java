package org.loftmail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** who and kick against live IMAP, POP3 and ManageSieve sessions of a running server. */
class AdminServerCommandsTest {

    @TempDir
    Path dir;

    @Test
    void whoListsImapPop3AndManageSieveSessionsAndKickEndsAnImapSession() throws Exception {
        AdminFixture site = new AdminFixture(dir);
        try (LoftServer server = LoftServer.start(site.config);
                Socket imap = new Socket("127.0.0.1", site.imapPort);
                Socket pop3 = new Socket("127.0.0.1", site.pop3Port);
                Socket sieve = new Socket("127.0.0.1", site.sievePort)) {
            BufferedReader imapIn = reader(imap);
            assertThat(imapIn.readLine()).startsWith("* OK");
            send(imap, "a LOGIN jsmith secret");
            assertThat(untilPrefix(imapIn, "a ")).startsWith("a OK");

            BufferedReader popIn = reader(pop3);
            assertThat(popIn.readLine()).startsWith("+OK");
            send(pop3, "USER alice");
            assertThat(popIn.readLine()).startsWith("+OK");
            send(pop3, "PASS secret");
            assertThat(popIn.readLine()).startsWith("+OK");

            BufferedReader sieveIn = reader(sieve);
            assertThat(untilPrefix(sieveIn, "OK")).startsWith("OK");
            String plain = Base64.getEncoder().encodeToString("\0jsmith\0secret".getBytes(StandardCharsets.UTF_8));
            send(sieve, "AUTHENTICATE \"PLAIN\" \"" + plain + "\"");
            assertThat(untilPrefix(sieveIn, "OK")).startsWith("OK");

            AdminFixture.Run who = site.adm("who");
            assertThat(who.err()).isEmpty();
            assertThat(who.exit()).isZero();
            assertThat(who.out().lines().toList()).hasSize(4);
            assertThat(who.out()).startsWith("username # proto       (pids) (ips)");
            assertThat(who.out()).containsPattern("jsmith +1 imap +\\(\\d+\\) +\\(127\\.0\\.0\\.1\\)")
                    .containsPattern("alice +1 pop3 +\\(\\d+\\) +\\(127\\.0\\.0\\.1\\)")
                    .containsPattern("jsmith +1 managesieve +\\(\\d+\\) +\\(127\\.0\\.0\\.1\\)");
            assertThat(site.adm("who", "al*").out().lines().toList()).hasSize(2);
            assertThat(site.adm("-f", "tab", "who", "-1", "127.0.0.0/8").out().lines().toList()).hasSize(4);

            AdminFixture.Run stats = site.adm("stats", "dump");
            assertThat(stats.exit()).isZero();
            assertThat(stats.out()).startsWith("metric_name\tcount\n").contains("logins.imap\t1\n", "logins.pop3\t1\n",
                    "logins.managesieve\t1\n", "sessions.imap\t1\n", "connections.imap-login\t1\n");

            AdminFixture.Run process = site.adm("-f", "tab", "process", "status");
            assertThat(process.exit()).isZero();
            assertThat(process.out()).startsWith("name\tlisteners\tconnections\n")
                    .contains("imap-login\t1\t1\n", "pop3-login\t1\t1\n", "managesieve-login\t1\t1\n");

            AdminFixture.Run kick = site.adm("kick", "jsmith");
            assertThat(kick.exit()).isZero();
            assertThat(kick.out()).isEqualTo("kicked connections from the following users:\njsmith \n");
            imap.setSoTimeout(5_000);
            String line;
            do {
                line = imapIn.readLine();
            } while (line != null && line.startsWith("*"));
            assertThat(line).isNull(); // the IMAP connection was closed
            assertThat(site.adm("who").out()).doesNotContain("jsmith");
            AdminFixture.Run none = site.adm("kick", "nobody");
            assertThat(none.exit()).isEqualTo(68);
            assertThat(none.out()).isEqualTo("no users kicked\n");
        }
        AdminFixture.Run who = site.adm("who");
        assertThat(who.exit()).isEqualTo(75);
    }

    @Test
    void logErrorsShowsWhatWentWrongAndLogReopenStartsANewFileAfterRotation() throws Exception {
        AdminFixture site = new AdminFixture(dir);
        java.nio.file.Path log = dir.resolve("loft.log");
        try (LoftServer server = LoftServer.start(site.config)) {
            String good = java.nio.file.Files.readString(site.config);
            java.nio.file.Files.writeString(site.config, good + "\nno_such_setting = 1\n");
            AdminFixture.Run reload = site.adm("-c", site.config.toString(), "reload");
            assertThat(reload.exit()).isEqualTo(78);
            assertThat(reload.err()).contains("no_such_setting");
            java.nio.file.Files.writeString(site.config, good);
            AdminFixture.Run errors = site.adm("log", "errors");
            assertThat(errors.exit()).isZero();
            assertThat(errors.out()).contains("Reload failed, keeping the running configuration").contains("no_such_setting");

            java.nio.file.Path rotated = dir.resolve("loft.log.1");
            java.nio.file.Files.move(log, rotated);
            assertThat(site.adm("log", "reopen").exit()).isZero();
            assertThat(log).exists();
            assertThat(java.nio.file.Files.readString(log)).contains("Log files reopened");
            assertThat(java.nio.file.Files.readString(rotated)).doesNotContain("Log files reopened");
        }
        assertThat(site.adm("log", "errors").exit()).isEqualTo(75);
        assertThat(site.adm("stats", "dump").exit()).isEqualTo(75);
    }

    private static BufferedReader reader(Socket s) throws Exception {
        s.setSoTimeout(10_000);
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
    }

    private static void send(Socket s, String line) throws Exception {
        OutputStream out = s.getOutputStream();
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String untilPrefix(BufferedReader in, String prefix) throws Exception {
        String line;
        while (!(line = in.readLine()).startsWith(prefix)) {
            // capabilities, untagged lines
        }
        return line;
    }
}
