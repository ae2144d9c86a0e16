package org.loftmail.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.mail.FlagChange;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.AppendRequest;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.MailboxAttribute;
import org.loftmail.core.storage.MailboxInfo;
import org.loftmail.core.storage.MailboxStatus;
import org.loftmail.core.storage.MessageRecord;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.core.storage.quota.QuotaSettings;

/** A Maildir written by Dovecot 2.3 is served with Dovecot's UIDs, UIDVALIDITY, flags, keywords and dates. */
class WrittenFixtureTest {

    @TempDir
    Path home;

    MailStorage storage;

    @BeforeEach
    void open() throws Exception {
        WrittenFixture.copyTo(home);
        storage = new MaildirStorageProvider(List.of(), QuotaSettings.NONE).open(StorageUser.of("jsmith", home, "maildir:~/Maildir"));
    }

    @Test
    void inboxHasDovecotsUidsFlagsAndKeywords() throws Exception {
        MailboxStatus st = storage.mailbox(MailboxName.INBOX).status();
        assertThat(st.uidValidity()).isEqualTo(1795407620L);
        assertThat(st.uidNext()).as("stale N1 in the header and a lingering line for UID 4").isEqualTo(7);
        assertThat(st.messages()).isEqualTo(5);
        try (SelectedMailbox v = storage.mailbox(MailboxName.INBOX).select(true)) {
            List<Long> uids = new ArrayList<>();
            for (int i = 1; i <= v.count(); i++) uids.add(v.uid(i));
            assertThat(uids).containsExactly(1L, 2L, 3L, 5L, 6L);
            assertThat(v.record(1).flags()).isEqualTo(Flags.of(SystemFlag.SEEN));
            assertThat(v.record(2).flags()).isEqualTo(Flags.of(List.of(SystemFlag.FLAGGED, SystemFlag.SEEN), List.of("$Junk")));
            assertThat(v.record(3).flags()).isEqualTo(Flags.of(List.of(SystemFlag.ANSWERED, SystemFlag.SEEN), List.of("NonJunk")));
            assertThat(v.record(4).flags()).isEqualTo(Flags.of(List.of(SystemFlag.DRAFT), List.of("$Forwarded")));
            assertThat(v.record(5).flags()).isEqualTo(Flags.NONE);
            MessageRecord r = v.record(1);
            assertThat(r.guid()).isEqualTo("1795407620.M327015P14800.vm,S=167,W=175");
            assertThat(r.virtualSize()).isEqualTo(175);
            assertThat(r.physicalSize()).isEqualTo(167);
            assertThat(r.internalDate()).isEqualTo(Instant.ofEpochSecond(1795407620L, 345184869));
            assertThat(v.keywords()).containsExactlyInAnyOrder("$Junk", "NonJunk", "$Forwarded");
            String text = new String(v.open(1).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text).startsWith("From: Alice <alice@example.com>\r\n").contains("Subject: Test message 1\r\n").hasSize(175);
        }
    }

    @Test
    void foldersAndSubscriptionsAreDovecots() throws Exception {
        List<MailboxInfo> list = storage.list();
        assertThat(list).extracting(i -> i.name().toString()).containsExactly("INBOX", "Entwürfe", "Work", "Work/Projects");
        assertThat(list.get(2).attributes()).contains(MailboxAttribute.NOSELECT);
        assertThat(storage.subscriptions()).containsExactly(MailboxName.of("Work", "Projects"));
        assertThat(storage.mailbox(MailboxName.of("Entwürfe")).status().uidValidity()).isEqualTo(1795407622L);

        MailboxStatus work = storage.mailbox(MailboxName.of("Work", "Projects")).status();
        assertThat(work.uidValidity()).isEqualTo(1795407621L);
        assertThat(work.uidNext()).isEqualTo(3);
        assertThat(work.recent()).as("the message still in new/").isEqualTo(1);
        try (SelectedMailbox v = storage.mailbox(MailboxName.of("Work", "Projects")).select(false)) {
            assertThat(v.record(2).flags()).isEqualTo(Flags.of(List.of(SystemFlag.SEEN), List.of("$Label1")));
            assertThat(v.record(2).internalDate()).isEqualTo(Instant.parse("2020-01-01T12:00:00Z"));
            assertThat(v.record(2).virtualSize()).isEqualTo(59);
            assertThat(v.isRecent(1)).isTrue();
        }
        assertThat(Files.list(home.resolve("Maildir/.Work.Projects/new")).count()).as("SELECT moved new/ to cur/").isZero();
    }

    @Test
    void writesAreWhatDovecotWrites() throws Exception {
        long uid = storage.mailbox(MailboxName.INBOX)
                .append(new ByteArrayInputStream("Subject: from Loft\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII)), AppendRequest.DEFAULT)
                .uid();
        assertThat(uid).isEqualTo(7);
        List<String> lines = Files.readAllLines(home.resolve("Maildir/dovecot-uidlist"));
        assertThat(lines.get(0)).startsWith("3 V1795407620 ");
        assertThat(lines.get(lines.size() - 1)).matches("7 :\\d+\\.M\\d+P\\d+Q\\d+\\.[^,/]+,S=23,W=26");
        try (SelectedMailbox v = storage.mailbox(MailboxName.INBOX).select(false)) {
            v.store(UidSet.of(6), FlagChange.ADD, Flags.of(List.of(SystemFlag.SEEN), List.of("Later")), OptionalLong.empty());
        }
        assertThat(Files.readAllLines(home.resolve("Maildir/dovecot-keywords"))).containsExactly("0 $Junk", "1 NonJunk", "2 $Forwarded", "3 Later");
        assertThat(home.resolve("Maildir/cur/1795407620.M462127P14811.vm,S=167,W=175:2,Sd")).exists();
        storage.create(MailboxName.of("Neu", "Ärger"), Set.of());
        assertThat(home.resolve("Maildir/.Neu.&AMQ-rger/maildirfolder")).exists();
        assertThat(Files.readString(home.resolve("Maildir/dovecot-uidvalidity"))).isNotEqualTo("6b03bf06");
    }
}
