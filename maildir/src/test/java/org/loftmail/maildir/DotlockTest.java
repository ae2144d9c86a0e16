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
}
