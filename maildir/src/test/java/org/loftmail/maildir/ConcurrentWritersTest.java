package org.loftmail.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.mail.FlagChange;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.AppendRequest;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.MailStorageProvider;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.core.storage.quota.QuotaSettings;

/** Several writers on one mailbox, in this JVM and in a second process: no UID reused, no flag change lost. */
class ConcurrentWritersTest {

    @TempDir
    Path home;

    private MailStorage open(MailStorageProvider p) throws Exception {
        return p.open(StorageUser.of("jsmith", home, "maildir:~/Maildir"));
    }

    @Test
    void threadsAndAnotherProcessNeverShareAUid() throws Exception {
        MailStorageProvider provider = new MaildirStorageProvider(List.of(), QuotaSettings.NONE);
        open(provider).close();
        Process child = ChildProcess.start("save", home.toString(), "40", "p");
        Set<Long> uids = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> jobs = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            jobs.add(pool.submit(() -> {
                MailStorage s = open(provider);
                for (int i = 0; i < 15; i++) {
                    long uid = s.mailbox(MailboxName.INBOX)
                            .append(new ByteArrayInputStream(ChildWorker.body("t" + thread + "-" + i)), AppendRequest.DEFAULT).uid();
                    assertThat(uids.add(uid)).as("UID %d handed out twice", uid).isTrue();
                }
                return null;
            }));
        }
        try (BufferedReader out = ChildProcess.stdout(child)) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    long uid = Long.parseLong(line.split(" ")[1]);
                    assertThat(uids.add(uid)).as("UID %d handed out twice", uid).isTrue();
                }
            }
        }
        for (Future<?> f : jobs) f.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(uids).hasSize(100);
        try (SelectedMailbox v = open(new MaildirStorageProvider(List.of(), QuotaSettings.NONE)).mailbox(MailboxName.INBOX).select(true)) {
            assertThat(v.count()).isEqualTo(100);
            assertThat(v.uids()).isEqualTo(UidSet.range(1, 100));
        }
    }

    @Test
    void flagChangesFromTwoProcessesAreBothKept() throws Exception {
        MailStorageProvider provider = new MaildirStorageProvider(List.of(), QuotaSettings.NONE);
        MailStorage s = open(provider);
        for (int i = 0; i < 30; i++) s.mailbox(MailboxName.INBOX).append(new ByteArrayInputStream(ChildWorker.body("m" + i)), AppendRequest.DEFAULT);
        Process child = ChildProcess.start("flag", home.toString(), "3");
        MailStorage other = open(provider);
        try (SelectedMailbox a = s.mailbox(MailboxName.INBOX).select(false);
                SelectedMailbox b = other.mailbox(MailboxName.INBOX).select(false)) {
            for (int round = 0; round < 3; round++) {
                for (int seq = 1; seq <= a.count(); seq++) {
                    a.store(UidSet.of(a.uid(seq)), FlagChange.ADD, Flags.of(SystemFlag.SEEN), OptionalLong.empty());
                    b.store(UidSet.of(b.uid(seq)), FlagChange.ADD, Flags.of(List.of(), List.of("Work")), OptionalLong.empty());
                }
            }
        }
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();
        MailStorage fresh = open(new MaildirStorageProvider(List.of(), QuotaSettings.NONE));
        try (SelectedMailbox v = fresh.mailbox(MailboxName.INBOX).select(true)) {
            assertThat(v.count()).isEqualTo(30);
            for (int seq = 1; seq <= v.count(); seq++) {
                assertThat(v.record(seq).flags())
                        .as("message %d", seq)
                        .isEqualTo(Flags.of(List.of(SystemFlag.SEEN, SystemFlag.FLAGGED), List.of("Work")));
            }
            assertThat(v.sync(true).expungeSeqs()).isEmpty();
        }
    }

    @Test
    void concurrentSubscribesAreAllKept() throws Exception {
        MailStorageProvider provider = new MaildirStorageProvider(List.of(), QuotaSettings.NONE);
        open(provider).close();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> jobs = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            int thread = t;
            jobs.add(pool.submit(() -> {
                MailStorage s = open(provider);
                for (int i = 0; i < 10; i++) s.subscribe(MailboxName.of("T" + thread, "M" + i));
                return null;
            }));
        }
        for (Future<?> f : jobs) f.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(open(provider).subscriptions()).hasSize(60);
    }
}
