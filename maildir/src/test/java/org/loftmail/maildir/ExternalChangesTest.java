package org.loftmail.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.ListenerRegistration;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.MailboxChange;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.core.storage.SyncResult;
import org.loftmail.core.storage.quota.QuotaSettings;

/** Mail dropped into new/ by another program (Postfix's local delivery) reaches a listening session. */
class ExternalChangesTest {

    @TempDir
    Path home;

    @Test
    void fileDroppedIntoNewIsHeardAndSynced() throws Exception {
        MaildirStorageProvider provider = new MaildirStorageProvider(List.of(), QuotaSettings.NONE);
        try (provider) {
            MailStorage s = provider.open(StorageUser.of("jsmith", home, "maildir:~/Maildir"));
            LinkedBlockingQueue<MailboxChange> heard = new LinkedBlockingQueue<>();
            try (SelectedMailbox v = s.mailbox(MailboxName.INBOX).select(false);
                    ListenerRegistration r = s.mailbox(MailboxName.INBOX).addListener(heard::add)) {
                Path tmp = home.resolve("Maildir/tmp/1800000000.V801I2M3.postfix");
                Files.writeString(tmp, "Subject: from postfix\n\nhello\n");
                Files.move(tmp, home.resolve("Maildir/new/1800000000.V801I2M3.postfix"));
                MailboxChange c = heard.poll(30, TimeUnit.SECONDS);
                assertThat(c).as("the watcher reported the delivery").isNotNull();
                assertThat(c.kind()).isEqualTo(MailboxChange.Kind.EXTERNAL);
                SyncResult sync = v.sync(true);
                assertThat(sync.exists()).isEqualTo(1);
                assertThat(sync.existsChanged()).isTrue();
                assertThat(new String(v.open(v.uid(1)).readAllBytes())).contains("from postfix");
                assertThat(v.record(1).guid()).isEqualTo("1800000000.V801I2M3.postfix");
            }
        }
    }

    /**
     * Another program changes cur/ and new/ in the same mtime tick as our own write (simulated by putting the
     * directories' mtimes back): the stamps look unchanged, yet the next sync point, however much later, sees it.
     */
    @Test
    void changesInTheSameTickAsOurOwnWriteAreSeenLater() throws Exception {
        MaildirStorageProvider provider = new MaildirStorageProvider(List.of(), QuotaSettings.NONE);
        try (provider) {
            MailStorage s = provider.open(StorageUser.of("jsmith", home, "maildir:~/Maildir"));
            s.mailbox(MailboxName.INBOX).append(new java.io.ByteArrayInputStream("Subject: a\n\nx\n".getBytes()),
                    org.loftmail.core.storage.AppendRequest.DEFAULT);
            try (SelectedMailbox v = s.mailbox(MailboxName.INBOX).select(false)) {
                Path cur = home.resolve("Maildir/cur");
                Path nw = home.resolve("Maildir/new");
                // our own flag change renames a file in cur/ (SELECT moved the message there)
                v.store(org.loftmail.core.mail.UidSet.of(1), org.loftmail.core.mail.FlagChange.ADD,
                        org.loftmail.core.mail.Flags.of(org.loftmail.core.mail.SystemFlag.FLAGGED), java.util.OptionalLong.empty());
                var curTime = Files.getLastModifiedTime(cur);
                var newTime = Files.getLastModifiedTime(nw);
                String ours = Files.list(cur).findFirst().orElseThrow().getFileName().toString();
                Files.move(cur.resolve(ours), cur.resolve(ours.substring(0, ours.indexOf(":2,") + 3) + "FS"));
                Files.writeString(nw.resolve("1800000001.V801I2M4.other"), "Subject: other\n\nhello\n");
                Files.setLastModifiedTime(cur, curTime);
                Files.setLastModifiedTime(nw, newTime);
                Thread.sleep(300); // past the window, where a check of "is the mtime recent now" would trust the stamps
                SyncResult sync = v.sync(true);
                assertThat(sync.exists()).isEqualTo(2);
                assertThat(v.record(1).flags().contains(org.loftmail.core.mail.SystemFlag.SEEN)).isTrue();
            }
        }
    }

    @Test
    void aQuietMailboxIsListedNoMoreOnceSettled() throws Exception {
        MaildirStorageProvider provider = new MaildirStorageProvider(List.of(), QuotaSettings.NONE);
        try (provider) {
            MailStorage s = provider.open(StorageUser.of("jsmith", home, "maildir:~/Maildir"));
            s.mailbox(MailboxName.INBOX).append(new java.io.ByteArrayInputStream("Subject: a\n\nx\n".getBytes()),
                    org.loftmail.core.storage.AppendRequest.DEFAULT);
            var past = java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600));
            try (SelectedMailbox v = s.mailbox(MailboxName.INBOX).select(true)) {
                Files.setLastModifiedTime(home.resolve("Maildir/cur"), past);
                Files.setLastModifiedTime(home.resolve("Maildir/new"), past);
                v.sync(true); // lists once: the stamps moved
                MaildirState state = ((MaildirMailbox) s.mailbox(MailboxName.INBOX)).state();
                int scans = state.scans;
                for (int i = 0; i < 5; i++) v.sync(true);
                assertThat(state.scans).as("no listing while nothing changes").isEqualTo(scans);
                Files.writeString(home.resolve("Maildir/new/1800000002.V801I2M5.other"), "Subject: b\n\ny\n");
                assertThat(v.sync(true).exists()).isEqualTo(2);
            }
        }
    }

    /** Dovecot renamed a file for a flag change (in a tick that leaves the stamps alone): our STORE adds to it. */
    @Test
    void storeAfterAnotherProgramsRenameKeepsBothChanges() throws Exception {
        MaildirStorageProvider provider = new MaildirStorageProvider(List.of(), QuotaSettings.NONE);
        try (provider) {
            MailStorage s = provider.open(StorageUser.of("jsmith", home, "maildir:~/Maildir"));
            s.mailbox(MailboxName.INBOX).append(new java.io.ByteArrayInputStream("Subject: a\n\nx\n".getBytes()),
                    org.loftmail.core.storage.AppendRequest.DEFAULT);
            try (SelectedMailbox v = s.mailbox(MailboxName.INBOX).select(false)) {
                v.sync(true);
                Path cur = home.resolve("Maildir/cur");
                var curTime = Files.getLastModifiedTime(cur);
                String name = Files.list(cur).findFirst().orElseThrow().getFileName().toString();
                Files.move(cur.resolve(name), cur.resolve(name.substring(0, name.indexOf(":2,") + 3) + "F"));
                Files.setLastModifiedTime(cur, curTime);
                var result = v.store(org.loftmail.core.mail.UidSet.of(1), org.loftmail.core.mail.FlagChange.ADD,
                        org.loftmail.core.mail.Flags.of(org.loftmail.core.mail.SystemFlag.SEEN), java.util.OptionalLong.empty());
                assertThat(result.updated()).hasSize(1);
                assertThat(result.updated().get(0).flags().system()).containsExactlyInAnyOrder(
                        org.loftmail.core.mail.SystemFlag.FLAGGED, org.loftmail.core.mail.SystemFlag.SEEN);
                assertThat(Files.list(cur).findFirst().orElseThrow().getFileName().toString()).endsWith(":2,FS");
            }
        }
    }
}
