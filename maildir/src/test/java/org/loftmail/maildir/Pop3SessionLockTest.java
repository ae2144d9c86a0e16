package org.loftmail.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.storage.HeldLock;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.core.storage.quota.QuotaSettings;

/**
 * pop3_lock_session as Dovecot does it: {@code dovecot-pop3-session.lock} in the index root (else the mail root),
 * held against other threads, other processes and Dovecot (same file, same {@code pid:host} content), broken
 * when its holder is gone or it has not been touched for five minutes.
 */
class Pop3SessionLockTest {

    private static final Duration SHORT = Duration.ofMillis(300);

    @TempDir
    Path home;

    private final MaildirStorageProvider provider = new MaildirStorageProvider(List.of(), QuotaSettings.NONE);

    @AfterEach
    void tearDown() {
        provider.close();
    }

    private MailStorage open(String location) throws Exception {
        return provider.open(StorageUser.of("u", home, location));
    }

    private Path lockFile() {
        return home.resolve("Maildir/dovecot-pop3-session.lock");
    }

    @Test
    void oneSessionAtATimeWithDovecotsFileAndContent() throws Exception {
        try (MailStorage a = open("maildir:~/Maildir"); MailStorage b = open("maildir:~/Maildir")) {
            try (HeldLock held = a.lockPop3Session(SHORT).orElseThrow()) {
                assertThat(Files.readString(lockFile())).isEqualTo(ProcessHandle.current().pid() + ":" + Dotlock.HOST);
                assertThat(b.lockPop3Session(SHORT)).isEmpty();
            }
            assertThat(lockFile()).doesNotExist();
            try (HeldLock again = b.lockPop3Session(SHORT).orElseThrow()) {
                assertThat(lockFile()).exists();
            }
        }
    }

    @Test
    void withIndexTheLockIsInTheIndexRoot() throws Exception {
        try (MailStorage s = open("maildir:~/Maildir:INDEX=~/idx");
                HeldLock held = s.lockPop3Session(SHORT).orElseThrow()) {
            assertThat(home.resolve("idx/dovecot-pop3-session.lock")).exists();
            assertThat(lockFile()).doesNotExist();
        }
    }

    @Test
    void aLockHeldByAnotherProcessKeepsUsOutUntilThatProcessDies() throws Exception {
        open("maildir:~/Maildir").close();
        Process child = ChildProcess.start("pop3-lock", home.toString());
        try {
            BufferedReader out = ChildProcess.stdout(child);
            assertThat(out.readLine()).isEqualTo("LOCKED");
            try (MailStorage s = open("maildir:~/Maildir")) {
                assertThat(s.lockPop3Session(SHORT)).as("held by the child JVM").isEmpty();
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                // the dead holder's file is still there; its pid is gone, so it is broken at once
                assertThat(lockFile()).exists();
                try (HeldLock held = s.lockPop3Session(SHORT).orElseThrow()) {
                    assertThat(Files.readString(lockFile())).startsWith(ProcessHandle.current().pid() + ":");
                }
            }
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aHeldLockIsTouchedAndKnowsWhenItWasBrokenByAnother() throws Exception {
        Files.createDirectories(lockFile().getParent());
        FileCreator creator = new FileCreator(java.util.OptionalInt.empty(), java.util.OptionalInt.empty());
        try (HeldLock held = Pop3SessionLock.acquire(lockFile(), SHORT, creator, Duration.ofMillis(20)).orElseThrow()) {
            FileTime old = FileTime.from(Instant.now().minus(Duration.ofMinutes(4)));
            Files.setLastModifiedTime(lockFile(), old);
            awaitTrue(() -> Files.getLastModifiedTime(lockFile()).compareTo(old) > 0);
            assertThat(held.lost()).isFalse();
            // another server judged it stale and took it: ours is lost, and closing leaves theirs alone
            Files.delete(lockFile());
            Files.writeString(lockFile(), "4242:another-host");
            awaitTrue(held::lost);
        }
        assertThat(Files.readString(lockFile())).isEqualTo("4242:another-host");
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void awaitTrue(Check check) throws Exception {
        for (int i = 0; i < 500 && !check.ok(); i++) Thread.sleep(10);
        assertThat(check.ok()).isTrue();
    }

    @Test
    void aLockFromAnotherHostIsStaleOnlyAfterFiveMinutesUntouched() throws Exception {
        try (MailStorage s = open("maildir:~/Maildir")) {
            Files.writeString(lockFile(), "4242:another-host");
            Files.setLastModifiedTime(lockFile(), FileTime.from(Instant.now().minus(Duration.ofMinutes(4))));
            assertThat(s.lockPop3Session(SHORT)).as("four minutes: a live session that has not touched yet").isEmpty();
            Files.setLastModifiedTime(lockFile(), FileTime.from(Instant.now().minus(Duration.ofMinutes(6))));
            Optional<HeldLock> held = s.lockPop3Session(SHORT);
            assertThat(held).isPresent();
            held.get().close();
        }
    }
}
