package org.loftmail.maildir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.AppendRequest;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.core.storage.quota.QuotaSettings;

/** A full disk costs what cannot be written, never access to the mail that is there (issue 20, items 5 and 6). */
class DiskFullTest {

    @TempDir
    Path dir;

    /**
     * Messages wait in new/; the disk fills up so that cur/ cannot take another directory entry. SELECT still opens
     * INBOX and shows every message; those that could not move stay in new/, as Dovecot leaves them.
     */
    @Test
    void inboxOpensWhenNewMailCannotMoveToCur() throws Exception {
        try (SmallFilesystem fs = SmallFilesystem.ext2(dir, 2048)) {
            Path home = fs.root().resolve("jsmith");
            Path nw = Files.createDirectories(home.resolve("Maildir/new"));
            Files.createDirectories(home.resolve("Maildir/cur"));
            Files.createDirectories(home.resolve("Maildir/tmp"));
            int count = 60;
            for (int i = 0; i < count; i++) {
                // long names: a 1 KiB directory block of cur/ holds only a dozen of them
                Files.writeString(nw.resolve("1800000000.M" + i + "P4242Q" + i + ".a-rather-long-host-name.example.org"),
                        "Subject: m" + i + "\n\nbody\n");
            }
            try (MaildirStorageProvider provider = new MaildirStorageProvider(List.of(), QuotaSettings.NONE)) {
                MailStorage s = provider.open(StorageUser.of("jsmith", home, "maildir:~/Maildir"));
                s.mailbox(MailboxName.INBOX).status(); // uidlist and index exist before the disk is full
                fs.fill();
                try (SelectedMailbox v = s.mailbox(MailboxName.INBOX).select(false)) {
                    assertThat(v.sync(true).exists()).isEqualTo(count);
                    assertThat(new String(v.open(v.uid(count)).readAllBytes(), StandardCharsets.UTF_8)).contains("Subject: m");
                }
                try (Stream<Path> left = Files.list(nw)) {
                    assertThat(left.count()).as("messages that could not move stay in new/").isPositive();
                }
            }
        }
    }

    /** A write that fails for lack of space leaves no lock and no temporary file in the mailbox. */
    @Test
    void failedWritesLeaveNoTemporaryFilesOrLocks() throws Exception {
        try (SmallFilesystem fs = SmallFilesystem.tmpfs(dir, 256)) {
            Path home = fs.root().resolve("jsmith");
            try (MaildirStorageProvider provider = new MaildirStorageProvider(List.of(), QuotaSettings.NONE)) {
                MailStorage s = provider.open(StorageUser.of("jsmith", home, "maildir:~/Maildir"));
                for (int i = 0; i < 20; i++) {
                    s.mailbox(MailboxName.INBOX).append(new ByteArrayInputStream(("Subject: m" + i + "\n\nx\n").getBytes()), AppendRequest.DEFAULT);
                }
                Path filler = fs.fill();
                assertThatThrownBy(() -> s.mailbox(MailboxName.INBOX).append(
                        new ByteArrayInputStream("Subject: big\n\n".concat("y".repeat(100_000)).getBytes()), AppendRequest.DEFAULT))
                        .isInstanceOf(Exception.class);
                try (SelectedMailbox v = s.mailbox(MailboxName.INBOX).select(false)) {
                    assertThat(v.sync(true).exists()).isEqualTo(20);
                    assertThatThrownBy(() -> v.store(org.loftmail.core.mail.UidSet.of(1), org.loftmail.core.mail.FlagChange.ADD,
                            org.loftmail.core.mail.Flags.of(org.loftmail.core.mail.SystemFlag.DELETED), java.util.OptionalLong.empty()))
                            .as("the lock cannot be written").hasMessageContaining("lock");
                }
                // dovecot-uidlist and dovecot-keywords are replaced by write-then-rename: the write fails
                Uidlist big = Uidlist.create(1);
                List<Uidlist.Line> lines = new java.util.ArrayList<>();
                for (int i = 1; i <= 5000; i++) lines.add(new Uidlist.Line(i, "1800000000.M" + i + "P1.host", java.util.Map.of()));
                FileCreator creator = new FileCreator(java.util.OptionalInt.empty(), java.util.OptionalInt.empty());
                assertThatThrownBy(() -> big.append(home.resolve("Maildir/dovecot-uidlist"), lines, creator))
                        .hasMessageContaining("space");
                assertThatThrownBy(() -> new KeywordsFile(org.loftmail.core.fs.Confinement.NONE).add(home.resolve("Maildir/dovecot-keywords"), "$Junk", creator))
                        .hasMessageContaining("space");
                try (Stream<Path> all = Files.walk(home)) {
                    assertThat(all.map(p -> p.getFileName().toString()))
                            .noneMatch(n -> n.contains(".tmp.") || n.endsWith(".lock") || n.startsWith(".temp."));
                }
                try (Stream<Path> tmp = Files.list(home.resolve("Maildir/tmp"))) {
                    assertThat(tmp).as("the message that did not fit is gone from tmp/").isEmpty();
                }
                Files.delete(filler);
            }
        }
    }
}
