package org.loftmail.mbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.mail.FlagChange;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.AppendRequest;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.MessageRecord;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.core.storage.quota.QuotaSettings;

/**
 * An mbox written by Debian's Dovecot 2.3 itself (in this test) is served by Loft with the same UIDVALIDITY, UIDs,
 * flags, keywords and GUIDs (Dovecot's header MD5, POP3's %m); then Loft's changes are read back by Dovecot.
 */
class DovecotInteropTest {

    @TempDir
    Path dir;

    private static String message(int n, String extra) {
        return "Received: from mx.example.net by vm with ESMTP id " + n + "\n\tfor <jsmith@example.com>\n"
                + "Date: Mon, 2 Nov 2026 10:0" + n + ":00 +0000\nMessage-ID: <m" + n + "@example.com>\n"
                + "From: alice@example.com\nSubject: message " + n + "\n" + extra + "\nbody " + n + "\nFrom here on, a line Dovecot does not escape\n>From quoted\n";
    }

    @Test
    void dovecotsMailboxKeepsUidsFlagsKeywordsAndGuidsUnderLoftAndBack() throws Exception {
        Doveadm dv = new Doveadm(dir);
        for (int i = 1; i <= 5; i++) dv.save("INBOX", message(i, i == 3 ? "X-UID: 99\nStatus: RO\nX-Keywords: Forged\n" : ""));
        dv.doveadm(null, "flags", "add", "\\Seen $Junk", "mailbox", "INBOX", "uid", "1");
        dv.doveadm(null, "flags", "add", "\\Answered \\Flagged Work", "mailbox", "INBOX", "uid", "2");
        dv.doveadm(null, "flags", "add", "\\Deleted", "mailbox", "INBOX", "uid", "4");
        dv.doveadm(null, "expunge", "mailbox", "INBOX", "uid", "4");
        dv.doveadm(null, "mailbox", "create", "Work/Projects");
        dv.doveadm(null, "mailbox", "subscribe", "Work/Projects");
        dv.save("Work/Projects", message(9, ""));
        Map<Long, String[]> before = dv.fetch("INBOX");
        List<String> dovecotUidls = dv.pop3Uidls();
        long validity = dv.uidValidity("INBOX");
        assertThat(before.keySet()).containsExactly(1L, 2L, 3L, 5L);
        dv.takeBack();

        MboxStorageProvider provider = new MboxStorageProvider(List.of(), QuotaSettings.NONE, MboxSettings.DEFAULTS);
        MailStorage storage = provider.open(StorageUser.of("jsmith", dir.resolve("home"),
                "mbox:" + dv.mail + ":INBOX=" + dv.inbox));
        try (SelectedMailbox v = storage.mailbox(MailboxName.INBOX).select(false)) {
            assertThat(v.uidValidity()).isEqualTo(validity);
            assertThat(v.uids()).isEqualTo(UidSet.of(1, 2, 3, 5));
            for (int seq = 1; seq <= v.count(); seq++) {
                MessageRecord r = v.record(seq);
                String[] dovecot = before.get(r.uid());
                assertThat(r.guid()).as("GUID (header MD5) of UID " + r.uid()).isEqualTo(dovecot[0]);
                assertThat(imapFlags(r.flags())).as("flags of UID " + r.uid()).isEqualTo(withoutRecent(dovecot[1]));
            }
            assertThat(v.keywords()).contains("$Junk", "Work").doesNotContain("Forged");
            List<String> loftUidls = new ArrayList<>();
            for (int seq = 1; seq <= v.count(); seq++) loftUidls.add(v.headerMd5(v.uid(seq)).orElseThrow());
            assertThat(loftUidls).as("POP3 UIDLs with pop3_uidl_format = %m").isEqualTo(dovecotUidls);
            assertThat(new TreeSet<>(loftUidls)).as("the messages' headers differ").hasSize(4);
            String text = new String(v.open(3).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text).doesNotContain("X-UID", "X-Keywords", "Status:", "Content-Length", "X-IMAPbase")
                    .contains("Subject: message 3", "From here on, a line Dovecot does not escape", ">From quoted");
            assertThat(v.uidNext()).isEqualTo(6);

            // Loft changes the mailbox; Dovecot must read the same
            v.store(UidSet.of(3), FlagChange.ADD, Flags.of(List.of(SystemFlag.FLAGGED), List.of("Later")), OptionalLong.empty());
            v.store(UidSet.of(1), FlagChange.ADD, Flags.of(SystemFlag.DELETED), OptionalLong.empty());
            v.expunge(Optional.empty());
        }
        long appended = storage.mailbox(MailboxName.INBOX).append(new ByteArrayInputStream(message(7, "").getBytes(StandardCharsets.UTF_8)),
                AppendRequest.of(Flags.of(SystemFlag.SEEN))).uid();
        assertThat(appended).isEqualTo(6);
        assertThat(storage.subscriptions()).contains(MailboxName.of("Work", "Projects"));
        assertThat(storage.mailbox(MailboxName.of("Work", "Projects")).status().messages()).isEqualTo(1);
        provider.close();

        dv.giveToDovecot();
        Map<Long, String[]> after = dv.fetch("INBOX");
        assertThat(after.keySet()).containsExactly(2L, 3L, 5L, 6L);
        assertThat(dv.uidValidity("INBOX")).isEqualTo(validity);
        assertThat(withoutRecent(after.get(3L)[1])).isEqualTo(Set.of("\\Flagged", "Later"));
        assertThat(withoutRecent(after.get(2L)[1])).isEqualTo(Set.of("\\Answered", "\\Flagged", "Work"));
        assertThat(withoutRecent(after.get(6L)[1])).isEqualTo(Set.of("\\Seen"));
        assertThat(after.get(5L)[0]).isEqualTo(before.get(5L)[0]);
        assertThat(dv.complaints).as("Dovecot found nothing to repair").isEmpty();
    }

    private static Set<String> imapFlags(Flags f) {
        Set<String> s = new TreeSet<>();
        for (SystemFlag sf : f.system()) s.add(sf.imapName());
        s.addAll(f.keywords());
        return s;
    }

    private static Set<String> withoutRecent(String flags) {
        Set<String> s = new TreeSet<>();
        for (String w : flags.split(" ")) if (!w.isEmpty() && !w.equals("\\Recent")) s.add(w);
        return s;
    }
}
