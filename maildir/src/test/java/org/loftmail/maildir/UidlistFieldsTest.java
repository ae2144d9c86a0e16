package org.loftmail.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
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
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.core.storage.quota.QuotaSettings;

/**
 * The uidlist's extension fields: POP3 UIDLs (P) are read and written as Dovecot does, and every rewrite keeps the
 * fields Loft does not use (O POP3 order, W virtual size, and unknown ones, in the header too).
 */
class UidlistFieldsTest {

    private static final String A = "1795417263.M236806P12519.vm,S=15,W=17";
    private static final String B = "1795417263.M338257P12523.vm,S=15,W=17";
    private static final String C = "1795417270.M621715P12607.vm,S=15,W=17";

    @TempDir
    Path home;

    private MaildirStorageProvider provider;

    @BeforeEach
    void setUp() throws Exception {
        Path md = home.resolve("Maildir");
        for (String d : List.of("cur", "new", "tmp")) Files.createDirectories(md.resolve(d));
        for (String base : List.of(A, B, C)) Files.writeString(md.resolve("cur/" + base + ":2,S"), "Subject: x\n\nbody\n");
        Files.writeString(md.resolve("dovecot-uidlist"), """
                3 V1795417263 N4 G68771e0eafe4036be730000083ecc375 Zfuture
                1 P000000016b03e4af O2 W17 :%s
                2 P Zsomething :%s
                3 O1 :%s
                """.formatted(A, B, C));
        provider = new MaildirStorageProvider(List.of(), QuotaSettings.NONE);
    }

    @AfterEach
    void tearDown() {
        provider.close();
    }

    private MailStorage open() throws Exception {
        return provider.open(StorageUser.of("u", home, "maildir:~/Maildir"));
    }

    private List<String> uidlist() throws Exception {
        return Files.readAllLines(home.resolve("Maildir/dovecot-uidlist"));
    }

    @Test
    void savedUidlsAreReadAndAnEmptyOneMeansTheBaseName() throws Exception {
        try (MailStorage s = open(); SelectedMailbox v = s.mailbox(MailboxName.INBOX).select(false)) {
            assertThat(v.savedPop3Uidls(v.uids())).isEqualTo(Map.of(1L, "000000016b03e4af", 2L, B));
            assertThat(v.storageId(3)).contains(C);
        }
    }

    @Test
    void savingWritesPAndTheBaseNameAsEmptyP() throws Exception {
        try (MailStorage s = open(); SelectedMailbox v = s.mailbox(MailboxName.INBOX).select(false)) {
            v.savePop3Uidls(Map.of(3L, C, 99L, "gone"));
            assertThat(uidlist()).contains("3 O1 P :" + C);
            v.savePop3Uidls(Map.of(3L, "has space", 1L, "000000016b03e4af"));
            assertThat(uidlist()).as("unstorable and unchanged values write nothing").contains("3 O1 P :" + C);
            v.savePop3Uidls(Map.of(3L, "new-uidl"));
            assertThat(uidlist()).contains("3 O1 Pnew-uidl :" + C);
        }
        // another provider (a restart) reads what was saved
        provider.close();
        provider = new MaildirStorageProvider(List.of(), QuotaSettings.NONE);
        try (MailStorage s = open(); SelectedMailbox v = s.mailbox(MailboxName.INBOX).select(true)) {
            assertThat(v.savedPop3Uidls(UidSet.of(3))).isEqualTo(Map.of(3L, "new-uidl"));
        }
    }

    @Test
    void everyRewriteKeepsFieldsLoftDoesNotUse() throws Exception {
        try (MailStorage s = open(); SelectedMailbox v = s.mailbox(MailboxName.INBOX).select(false)) {
            v.store(UidSet.of(1, 2, 3), FlagChange.ADD, Flags.of(SystemFlag.FLAGGED), OptionalLong.empty());
            s.mailbox(MailboxName.INBOX).append(new ByteArrayInputStream("Subject: new\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII)),
                    AppendRequest.DEFAULT);
            v.savePop3Uidls(Map.of(3L, "saved-3"));
            v.store(UidSet.of(3), FlagChange.ADD, Flags.of(SystemFlag.DELETED), OptionalLong.empty());
            v.expunge(Optional.of(UidSet.of(3)));
        }
        List<String> lines = uidlist();
        assertThat(lines.getFirst()).startsWith("3 V1795417263 N5 G68771e0eafe4036be730000083ecc375").endsWith(" Zfuture");
        assertThat(lines).contains("1 P000000016b03e4af O2 W17 :" + A, "2 P Zsomething :" + B);
        assertThat(lines.subList(1, lines.size())).noneMatch(l -> l.startsWith("3 "));
        assertThat(lines).anyMatch(l -> l.startsWith("4 :"));
    }
}
