package org.loftmail.maildir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.mail.FlagChange;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.storage.AppendRequest;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.OverQuotaException;
import org.loftmail.core.storage.QuotaResource;
import org.loftmail.core.storage.QuotaRoot;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.core.storage.quota.QuotaSettings;

/** quota = maildir (maildirsize) and quota = count with quota_rule, per-mailbox rules, userdb rules and grace. */
class MaildirQuotaTest {

    @TempDir
    Path home;

    private MailStorage open(String backend, List<String> rules, String grace, List<String> userRules) throws Exception {
        QuotaSettings q = QuotaSettings.of(backend + ":User quota", rules, grace);
        return new MaildirStorageProvider(List.of(), q).open(
                new StorageUser("jsmith", home, "maildir:~/Maildir", OptionalInt.empty(), OptionalInt.empty(), userRules));
    }

    private static ByteArrayInputStream bytes(int n) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) 'x');
        System.arraycopy("Subject: q\n\n".getBytes(), 0, b, 0, 12);
        return new ByteArrayInputStream(b);
    }

    @Test
    void maildirsizeLimitsStorageAndCountsExpunges() throws Exception {
        MailStorage s = open("maildir", List.of("*:storage=1k"), "0", List.of());
        s.mailbox(MailboxName.INBOX).append(bytes(600), AppendRequest.DEFAULT);
        assertThatThrownBy(() -> s.mailbox(MailboxName.INBOX).append(bytes(600), AppendRequest.DEFAULT))
                .isInstanceOf(OverQuotaException.class);
        assertThat(Files.readAllLines(home.resolve("Maildir/maildirsize")).get(0)).isEqualTo("1024S,0C");
        QuotaRoot root = s.quotaRoots(MailboxName.INBOX).get(0);
        assertThat(root.name()).isEqualTo("User quota");
        assertThat(root.resources()).containsExactly(new QuotaResource(QuotaResource.STORAGE, 600, 1024));
        try (SelectedMailbox v = s.mailbox(MailboxName.INBOX).select(false)) {
            v.store(v.uids(), FlagChange.ADD, Flags.of(SystemFlag.DELETED), OptionalLong.empty());
            v.expunge(Optional.empty());
        }
        assertThat(s.quotaRoots(MailboxName.INBOX).get(0).resources().get(0).usage()).isZero();
        s.mailbox(MailboxName.INBOX).append(bytes(600), AppendRequest.DEFAULT);
        assertThat(Files.readAllLines(home.resolve("Maildir/maildirsize"))).contains("600 1", "-600 -1");
    }

    @Test
    void maildirsizeIsRecalculatedWhenMissing() throws Exception {
        MailStorage s = open("maildir", List.of("*:storage=10M"), "10%", List.of());
        s.mailbox(MailboxName.INBOX).append(bytes(500), AppendRequest.DEFAULT);
        s.create(MailboxName.of("Other"), Set.of());
        s.mailbox(MailboxName.of("Other")).append(bytes(300), AppendRequest.DEFAULT);
        Files.delete(home.resolve("Maildir/maildirsize"));
        assertThat(s.quotaRoots(MailboxName.INBOX).get(0).resources().get(0).usage()).isEqualTo(800);
    }

    @Test
    void graceLetsOneSaveCrossTheLimit() throws Exception {
        MailStorage s = open("count", List.of("*:storage=1000"), "10%", List.of());
        s.mailbox(MailboxName.INBOX).append(bytes(900), AppendRequest.DEFAULT);
        s.mailbox(MailboxName.INBOX).append(bytes(150), AppendRequest.DEFAULT); // 1050 <= 1000 + 100
        assertThatThrownBy(() -> s.mailbox(MailboxName.INBOX).append(bytes(20), AppendRequest.DEFAULT))
                .isInstanceOf(OverQuotaException.class);
    }

    @Test
    void messageLimitAndPerMailboxRules() throws Exception {
        MailStorage s = open("count", List.of("*:messages=2", "Trash:messages=+2", "Spam:ignore"), "0", List.of());
        s.create(MailboxName.of("Trash"), Set.of());
        s.create(MailboxName.of("Spam"), Set.of());
        s.mailbox(MailboxName.INBOX).append(bytes(100), AppendRequest.DEFAULT);
        s.mailbox(MailboxName.INBOX).append(bytes(100), AppendRequest.DEFAULT);
        assertThatThrownBy(() -> s.mailbox(MailboxName.INBOX).append(bytes(100), AppendRequest.DEFAULT))
                .isInstanceOf(OverQuotaException.class);
        s.mailbox(MailboxName.of("Trash")).append(bytes(100), AppendRequest.DEFAULT);
        for (int i = 0; i < 5; i++) s.mailbox(MailboxName.of("Spam")).append(bytes(100), AppendRequest.DEFAULT);
        assertThat(s.quotaRoots(MailboxName.of("Trash")).get(0).resources())
                .containsExactly(new QuotaResource(QuotaResource.MESSAGE, 3, 4));
        try (SelectedMailbox v = s.mailbox(MailboxName.of("Spam")).select(false)) {
            assertThatThrownBy(() -> v.copy(v.uids(), s.mailbox(MailboxName.INBOX))).isInstanceOf(OverQuotaException.class);
        }
    }

    @Test
    void userdbRulesReplaceGlobalOnes() throws Exception {
        MailStorage s = open("count", List.of("*:storage=100"), "0", List.of("*:storage=10k"));
        s.mailbox(MailboxName.INBOX).append(bytes(5000), AppendRequest.DEFAULT);
        assertThat(s.quotaRoots(MailboxName.INBOX).get(0).resources())
                .containsExactly(new QuotaResource(QuotaResource.STORAGE, 5000, 10240));
    }

    @Test
    void quotaOffMeansNoRoots() throws Exception {
        MailStorage s = new MaildirStorageProvider(List.of(), QuotaSettings.NONE).open(StorageUser.of("u", home, "maildir:~/Maildir"));
        assertThat(s.quotaRoots(MailboxName.INBOX)).isEmpty();
        s.checkQuota(MailboxName.INBOX, Long.MAX_VALUE / 2, 1);
    }
}
