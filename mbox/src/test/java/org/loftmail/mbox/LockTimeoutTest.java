package org.loftmail.mbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.storage.AppendRequest;

/**
 * Another program keeps the mailbox locked past {@code mbox_lock_timeout}: the save fails with a temporary error
 * and the file is untouched; a stale dot-lock (unchanged past {@code mbox_dotlock_change_timeout}) is broken.
 */
class LockTimeoutTest {

    @TempDir
    Path dir;

    private static final MboxSettings SHORT = new MboxSettings(List.of(MboxSettings.LockMethod.FCNTL),
            List.of(MboxSettings.LockMethod.DOTLOCK, MboxSettings.LockMethod.FCNTL), Duration.ofMillis(500), Duration.ofSeconds(2));

    @Test
    void aDotLockHeldByALiveProgramTimesOutWithoutTouchingTheFile() throws Exception {
        try (MboxFixture f = new MboxFixture(dir, SHORT)) {
            f.inbox().append(MboxFixture.text("Subject: 1\n\nx\n"), AppendRequest.DEFAULT);
            byte[] before = Files.readAllBytes(f.inbox);
            Path lock = f.inbox.resolveSibling("jsmith.lock");
            // held by a live process on this host (ours), as Postfix local(8) holds it while delivering
            Files.writeString(lock, ProcessHandle.current().pid() + ":" + Dotlock.HOST + "\n");
            assertThatThrownBy(() -> f.inbox().append(MboxFixture.text("Subject: 2\n\ny\n"), AppendRequest.DEFAULT))
                    .isInstanceOf(MboxAccess.LockTimeoutException.class).hasMessageContaining("dotlock");
            assertThat(Files.readAllBytes(f.inbox)).isEqualTo(before);
            assertThat(lock).exists(); // not ours to remove
            // once it is older than mbox_dotlock_change_timeout and the mbox has not changed, it is stale
            Files.setLastModifiedTime(lock, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(10)));
            Files.setLastModifiedTime(f.inbox, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(10)));
            Files.writeString(lock, "999999999:" + "elsewhere\n"); // a holder we cannot check
            Files.setLastModifiedTime(lock, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(10)));
            assertThat(f.inbox().append(MboxFixture.text("Subject: 2\n\ny\n"), AppendRequest.DEFAULT).uid()).isEqualTo(2);
            assertThat(lock).doesNotExist();
        }
    }

    @Test
    void anFcntlLockHeldElsewhereTimesOut() throws Exception {
        try (MboxFixture f = new MboxFixture(dir, SHORT)) {
            f.inbox().append(MboxFixture.text("Subject: 1\n\nx\n"), AppendRequest.DEFAULT);
            byte[] before = Files.readAllBytes(f.inbox);
            // another process holds an exclusive fcntl lock (a child JVM would do the same; python is the peer here)
            Process holder = new ProcessBuilder("python3", "-c", "import fcntl,sys,time\nf=open(sys.argv[1],'r+')\n"
                    + "fcntl.lockf(f, fcntl.LOCK_EX)\nprint('locked', flush=True)\ntime.sleep(30)", f.inbox.toString()).start();
            try {
                assertThat(new String(holder.getInputStream().readNBytes(6))).isEqualTo("locked");
                assertThatThrownBy(() -> f.inbox().append(MboxFixture.text("Subject: 2\n\ny\n"), AppendRequest.DEFAULT))
                        .isInstanceOf(MboxAccess.LockTimeoutException.class).hasMessageContaining("fcntl");
                assertThat(Files.readAllBytes(f.inbox)).isEqualTo(before);
                assertThat(f.inbox.resolveSibling("jsmith.lock")).as("our dot-lock is released").doesNotExist();
            } finally {
                holder.destroyForcibly().waitFor();
            }
            assertThat(f.inbox().append(MboxFixture.text("Subject: 2\n\ny\n"), AppendRequest.DEFAULT).uid()).isEqualTo(2);
        }
    }
}
