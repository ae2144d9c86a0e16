package org.loftmail.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.server.MaildirTestBackend;

/**
 * pop3_lock_session shared with Dovecot: Dovecot's pop3 takes {@code dovecot-pop3-session.lock} in the mail root
 * (O_EXCL, content {@code <pid>:<gethostname()>}); Loft respects that file, writes the same one, and takes over
 * a lock whose process is gone. Two Loft servers on one Maildir exclude each other through it.
 */
class SessionLockFileTest {

    private static final String IN_USE = "-ERR [IN-USE] Mailbox is locked by another POP3 session.";

    @TempDir
    Path dir;

    Pop3TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new Pop3TestServer(dir, Pop3Settings.defaults().withLockSession(true, Duration.ofMillis(300)), false, MaildirTestBackend.MAILDIR);
        server.deliver("jsmith", "Subject: m1\r\n\r\nbody 1\r\n");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Path lockFile() {
        return dir.resolve("jsmith/Maildir/dovecot-pop3-session.lock");
    }

    private static String hostName() throws Exception {
        return Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.US_ASCII).strip();
    }

    private static String passAnswer(Pop3TestServer s) throws Exception {
        try (Pop3Client c = new Pop3Client(s.connect())) {
            Pop3Client.expectOk(c.readLine());
            Pop3Client.expectOk(c.command("USER jsmith"));
            String answer = c.command("PASS secret");
            if (answer.startsWith("+OK")) {
                c.command("QUIT");
            }
            return answer;
        }
    }

    @Test
    void aLockFileWrittenTheWayDovecotDoesKeepsLoftOutUntilItsProcessIsGone() throws Exception {
        Process holder = new ProcessBuilder("sleep", "60").start(); // stands in for a Dovecot pop3 process
        try {
            Files.writeString(lockFile(), holder.pid() + ":" + hostName());
            assertThat(passAnswer(server)).isEqualTo(IN_USE);
            assertThat(lockFile()).as("someone else's lock is left alone").exists();
        } finally {
            holder.destroyForcibly().waitFor();
        }
        assertThat(passAnswer(server)).isEqualTo("+OK Logged in.");
        assertThat(lockFile()).as("released at QUIT").doesNotExist();
    }

    @Test
    void whileLoggedInTheLockFileNamesThisProcess() throws Exception {
        try (Pop3Client c = Pop3Client.login(server, "jsmith", "secret")) {
            assertThat(Files.readString(lockFile())).isEqualTo(ProcessHandle.current().pid() + ":" + hostName());
            c.command("QUIT");
        }
    }

    @Test
    void aSessionWhoseLockWasBrokenByAnotherServerStopsWithoutDeleting() throws Exception {
        try (Pop3Client c = Pop3Client.login(server, "jsmith", "secret")) {
            Pop3Client.expectOk(c.command("DELE 1"));
            // another server judged our lock stale and took it over
            Files.delete(lockFile());
            Files.writeString(lockFile(), "4242:another-host");
            assertThat(c.command("QUIT")).isEqualTo("-ERR [SYS/TEMP] Couldn't update POP3 session lock.");
            assertThat(c.readLine()).isNull();
        }
        assertThat(Files.readString(lockFile())).as("theirs is left alone").isEqualTo("4242:another-host");
        try (var s = server.openStorage("jsmith")) {
            assertThat(s.mailbox(org.loftmail.core.mail.MailboxName.INBOX).status().messages()).isEqualTo(1);
        }
    }

    @Test
    void twoServersOnOneMaildirExcludeEachOther() throws Exception {
        try (Pop3TestServer other = new Pop3TestServer(dir,
                        Pop3Settings.defaults().withLockSession(true, Duration.ofMillis(300)), false, MaildirTestBackend.MAILDIR);
                Pop3Client first = Pop3Client.login(server, "jsmith", "secret")) {
            assertThat(passAnswer(other)).isEqualTo(IN_USE);
            assertThat(first.command("QUIT")).isEqualTo("+OK Logging out.");
            assertThat(passAnswer(other)).isEqualTo("+OK Logged in.");
        }
    }
}
