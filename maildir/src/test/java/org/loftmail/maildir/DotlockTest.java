package org.loftmail.maildir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.storage.MailStorageException;

/** dovecot-uidlist.lock: held while its process lives, broken when that process is gone or the lock is stale. */
class DotlockTest {

    @TempDir
    Path dir;

    @Test
    void aLiveHolderBlocksAndReleaseFrees() throws Exception {
        Path lock = dir.resolve("dovecot-uidlist.lock");
        Files.writeString(lock, "1:" + Dotlock.HOST); // pid 1 is alive
        assertThatThrownBy(() -> Dotlock.acquire(lock, Duration.ofMillis(300))).isInstanceOf(MailStorageException.class);
        Files.delete(lock);
        try (Dotlock l = Dotlock.acquire(lock, Duration.ofSeconds(5))) {
            assertThat(Files.readString(lock)).isEqualTo(ProcessHandle.current().pid() + ":" + Dotlock.HOST);
            assertThatThrownBy(() -> Dotlock.acquire(lock, Duration.ofMillis(200))).as("not reentrant across holders")
                    .isInstanceOf(MailStorageException.class);
        }
        assertThat(lock).doesNotExist();
    }

    @Test
    void aDeadHoldersLockIsBrokenAtOnce() throws Exception {
        Path lock = dir.resolve("dovecot-uidlist.lock");
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Files.writeString(lock, p.pid() + ":" + Dotlock.HOST);
        try (Dotlock l = Dotlock.acquire(lock, Duration.ofSeconds(5))) {
            assertThat(Files.readString(lock)).startsWith(ProcessHandle.current().pid() + ":");
        }
    }

    @Test
    void aStaleLockFromAnotherHostIsBrokenAfterTwoMinutes() throws Exception {
        Path lock = dir.resolve("dovecot-uidlist.lock");
        Files.writeString(lock, "1:some-other-host");
        assertThatThrownBy(() -> Dotlock.acquire(lock, Duration.ofMillis(200))).isInstanceOf(MailStorageException.class);
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minus(Duration.ofMinutes(3))));
        try (Dotlock l = Dotlock.acquire(lock, Duration.ofSeconds(5))) {
            assertThat(lock).exists();
        }
    }

    @Test
    void anEmptyLockIsJudgedByItsAgeNotHeldForMinutes() throws Exception {
        Path lock = dir.resolve("dovecot-uidlist.lock");
        Files.write(lock, new byte[0]); // : > dovecot-uidlist.lock
        assertThatThrownBy(() -> Dotlock.acquire(lock, Duration.ofMillis(200))).as("a fresh empty lock may be a writer's")
                .isInstanceOf(MailStorageException.class);
        long start = System.nanoTime();
        try (Dotlock l = Dotlock.acquire(lock, Duration.ofSeconds(30))) {
            assertThat(Files.readString(lock)).isEqualTo(ProcessHandle.current().pid() + ":" + Dotlock.HOST);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Dotlock.EMPTY_STALE.plusSeconds(5));
    }

    @Test
    void anUnparseableLockIsJudgedByItsAgeToo() throws Exception {
        Path lock = dir.resolve("dovecot-uidlist.lock");
        Files.writeString(lock, "garbage");
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minus(Dotlock.EMPTY_STALE.plusSeconds(1))));
        try (Dotlock l = Dotlock.acquire(lock, Duration.ofSeconds(2))) {
            assertThat(Files.readString(lock)).startsWith(ProcessHandle.current().pid() + ":");
        }
    }

    @Test
    void aLockThatCannotBeWrittenLeavesNoFileBehind() throws Exception {
        try (SmallFilesystem fs = SmallFilesystem.tmpfs(dir, 64)) {
            Path lock = fs.root().resolve("dovecot-uidlist.lock");
            Path filler = fs.fill();
            assertThatThrownBy(() -> Dotlock.acquire(lock, Duration.ofSeconds(1))).isInstanceOf(MailStorageException.class);
            try (var left = Files.list(fs.root())) {
                assertThat(left).as("no empty lock, no temporary file").containsExactly(filler);
            }
            Files.delete(filler);
            try (Dotlock l = Dotlock.acquire(lock, Duration.ofSeconds(1))) {
                assertThat(lock).exists();
            }
        }
    }
}
