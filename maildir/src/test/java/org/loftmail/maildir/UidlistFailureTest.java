package org.loftmail.maildir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.AppendRequest;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.core.storage.quota.QuotaSettings;

/**
 * A dovecot-uidlist that is briefly corrupt, missing, unreadable or restored from an older copy never makes Loft
 * serve UIDVALIDITY 0 or give a UID to a second message (issue 20, item 3).
 */
class UidlistFailureTest {

    @TempDir
    Path home;

    private MaildirStorageProvider provider;
    private MailStorage storage;
    private Path uidlist;
    private long validity;

    @BeforeEach
    void threeMessages() throws Exception {
        open();
        for (int i = 1; i <= 3; i++) assertThat(append("m" + i)).isEqualTo(i);
        uidlist = home.resolve("Maildir/dovecot-uidlist");
        validity = storage.mailbox(MailboxName.INBOX).status().uidValidity();
        assertThat(validity).isPositive();
    }

    @AfterEach
    void close() throws Exception {
        provider.close();
    }

    private void open() throws Exception {
        provider = new MaildirStorageProvider(List.of(), QuotaSettings.NONE);
        storage = provider.open(StorageUser.of("jsmith", home, "maildir:~/Maildir"));
    }

    private void restart() throws Exception {
        provider.close();
        open();
    }

    private long append(String subject) throws MailStorageException {
        return storage.mailbox(MailboxName.INBOX)
                .append(new ByteArrayInputStream(("Subject: " + subject + "\n\nbody\n").getBytes(StandardCharsets.UTF_8)), AppendRequest.DEFAULT)
                .uid();
    }

    /** Subject of each message by UID, as a fresh SELECT shows them. */
    private List<String> subjects(SelectedMailbox v) throws Exception {
        List<String> out = new ArrayList<>();
        int n = v.sync(true).exists();
        for (int seq = 1; seq <= n; seq++) {
            String text = new String(v.open(v.uid(seq)).readAllBytes(), StandardCharsets.UTF_8);
            out.add(v.uid(seq) + "=" + text.substring("Subject: ".length(), text.indexOf('\n')).strip());
        }
        return out;
    }

    private void assertNoUidTwice() throws Exception {
        List<String> lines = Files.readAllLines(uidlist);
        Set<String> uids = new HashSet<>();
        for (String l : lines.subList(1, lines.size())) {
            assertThat(uids.add(l.substring(0, l.indexOf(' ')))).as("UID written twice in " + lines).isTrue();
        }
    }

    @Test
    void aCorruptUidlistThatIsRestoredKeepsEveryUid() throws Exception {
        Path saved = home.resolve("saved-uidlist");
        try (SelectedMailbox v = storage.mailbox(MailboxName.INBOX).select(false)) {
            assertThat(subjects(v)).containsExactly("1=m1", "2=m2", "3=m3");
            Files.move(uidlist, saved); // keeps inode, size and mtime
            Files.writeString(uidlist, "garbage\n");
            assertThat(subjects(v)).containsExactly("1=m1", "2=m2", "3=m3");
            assertThat(storage.mailbox(MailboxName.INBOX).status().uidValidity()).isEqualTo(validity);
            Files.move(saved, uidlist, StandardCopyOption.REPLACE_EXISTING); // the same stamp as the last good read
            assertThat(subjects(v)).containsExactly("1=m1", "2=m2", "3=m3");
        }
        assertThat(storage.mailbox(MailboxName.INBOX).status().uidValidity()).isEqualTo(validity);
        assertThat(append("m4")).isEqualTo(4);
        assertNoUidTwice();
        restart();
        try (SelectedMailbox v = storage.mailbox(MailboxName.INBOX).select(false)) {
            assertThat(v.uidValidity()).isEqualTo(validity);
            assertThat(subjects(v)).containsExactly("1=m1", "2=m2", "3=m3", "4=m4");
        }
    }

    @Test
    void aDeliveryRebuildsACorruptUidlistWithTheSameUids() throws Exception {
        Files.writeString(uidlist, "3 Vnot-a-number\n1 :x\n");
        assertThat(append("m4")).isEqualTo(4);
        assertThat(Files.readAllLines(uidlist).get(0)).startsWith("3 V" + validity + " ");
        assertNoUidTwice();
        try (SelectedMailbox v = storage.mailbox(MailboxName.INBOX).select(false)) {
            assertThat(v.uidValidity()).isEqualTo(validity);
            assertThat(subjects(v)).containsExactly("1=m1", "2=m2", "3=m3", "4=m4");
        }
    }

    @Test
    void aCorruptUidlistFoundAfterARestartIsRebuiltFromTheIndex() throws Exception {
        provider.close();
        Files.writeString(uidlist, "");
        open();
        try (SelectedMailbox v = storage.mailbox(MailboxName.INBOX).select(false)) {
            assertThat(v.uidValidity()).isEqualTo(validity);
            assertThat(subjects(v)).containsExactly("1=m1", "2=m2", "3=m3");
        }
        assertThat(append("m4")).isEqualTo(4);
        assertNoUidTwice();
        restart();
        try (SelectedMailbox v = storage.mailbox(MailboxName.INBOX).select(false)) {
            assertThat(subjects(v)).containsExactly("1=m1", "2=m2", "3=m3", "4=m4");
        }
    }

    @Test
    void anUnreadableUidlistFailsDeliveryInsteadOfGuessingUids() throws Exception {
        Path saved = home.resolve("saved-uidlist");
        try (SelectedMailbox v = storage.mailbox(MailboxName.INBOX).select(false)) {
            Files.move(uidlist, saved);
            Files.createDirectory(uidlist); // read() fails with EISDIR, even for root
            assertThat(subjects(v)).containsExactly("1=m1", "2=m2", "3=m3");
            assertThat(v.uidValidity()).isEqualTo(validity);
            assertThatThrownBy(() -> append("m4")).isInstanceOf(MailStorageException.class);
            Files.delete(uidlist);
            Files.move(saved, uidlist);
            assertThat(append("m4")).isEqualTo(4);
            assertThat(subjects(v)).containsExactly("1=m1", "2=m2", "3=m3", "4=m4");
        }
        assertNoUidTwice();
    }

    @Test
    void aMissingUidlistNeverServesUidValidityZero() throws Exception {
        Files.delete(uidlist);
        try (SelectedMailbox v = storage.mailbox(MailboxName.INBOX).select(false)) {
            assertThat(v.uidValidity()).isPositive();
            assertThat(subjects(v)).hasSize(3);
        }
        long uid = append("m4");
        assertThat(storage.mailbox(MailboxName.INBOX).status().uidValidity()).isPositive();
        assertThat(uid).isPositive();
        assertNoUidTwice();
    }

    @Test
    void anOlderUidlistRestoredFromABackupNeverHandsOutAUidAgain() throws Exception {
        Path backup = home.resolve("backup-uidlist");
        Files.copy(uidlist, backup, StandardCopyOption.COPY_ATTRIBUTES);
        assertThat(append("m4")).isEqualTo(4);
        assertThat(append("m5")).isEqualTo(5);
        try (SelectedMailbox v = storage.mailbox(MailboxName.INBOX).select(false)) {
            assertThat(subjects(v)).containsExactly("1=m1", "2=m2", "3=m3", "4=m4", "5=m5");
            Files.move(backup, uidlist, StandardCopyOption.REPLACE_EXISTING); // says N4: UIDs 4 and 5 unknown to it
            assertThat(append("m6")).as("UID 4 and 5 name other messages already").isEqualTo(6);
            assertThat(subjects(v)).containsExactly("1=m1", "2=m2", "3=m3", "4=m4", "5=m5", "6=m6");
        }
        assertNoUidTwice();
    }
}
