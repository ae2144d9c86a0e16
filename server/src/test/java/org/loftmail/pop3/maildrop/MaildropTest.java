package org.loftmail.pop3.maildrop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.AppendRequest;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.Namespace;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.core.storage.quota.QuotaSettings;
import org.loftmail.maildir.MaildirStorageProvider;
import org.loftmail.pop3.Pop3Settings;

/** UIDL computation on real Maildir storage: duplicates, saved UIDLs, X-UIDL reuse, and the format checks. */
class MaildropTest {

    @TempDir
    Path home;

    MaildirStorageProvider provider;

    @BeforeEach
    void setUp() throws Exception {
        provider = new MaildirStorageProvider(List.of(Namespace.inbox('/', List.of())), QuotaSettings.NONE);
        try (MailStorage s = open()) {
            for (String m : List.of("Subject: a\r\n\r\n1\r\n", "Subject: b\r\nX-UIDL: from-header\r\n\r\n2\r\n",
                    "Subject: c\r\n\r\n3\r\n")) {
                s.mailbox(MailboxName.INBOX).append(new ByteArrayInputStream(m.getBytes(StandardCharsets.US_ASCII)),
                        AppendRequest.DEFAULT);
            }
        }
    }

    @AfterEach
    void tearDown() {
        provider.close();
    }

    private MailStorage open() throws Exception {
        return provider.open(StorageUser.of("u", home, "maildir:" + home.resolve("Maildir")));
    }

    /** What a UIDL command shows (and, with pop3_save_uidl, saves). */
    private List<String> uidls(Pop3Settings settings) throws Exception {
        try (Maildrop drop = Maildrop.open(open(), settings)) {
            drop.computeUidls();
            drop.saveShownUidls(1, drop.count());
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= drop.count(); i++) {
                out.add(drop.uidl(i));
            }
            return out;
        }
    }

    @Test
    void duplicatesAreKeptOrRenamedWithACounter() throws Exception {
        Pop3Settings same = Pop3Settings.defaults().withUidlFormat("%v");
        List<String> allowed = uidls(same);
        assertThat(allowed).hasSize(3).containsOnly(allowed.getFirst());
        String v = allowed.getFirst();
        List<String> renamed = uidls(same.withUidlOptions(false, false, Pop3Settings.UidlDuplicates.RENAME));
        assertThat(renamed).containsExactly(v, v + "-2", v + "-3");
    }

    @Test
    void reuseXuidlTakesTheHeaderWhereThereIsOne() throws Exception {
        List<String> u = uidls(Pop3Settings.defaults().withUidlOptions(true, false, Pop3Settings.UidlDuplicates.ALLOW));
        assertThat(u.get(1)).isEqualTo("from-header");
        assertThat(u.get(0)).startsWith("00000001");
    }

    @Test
    void savedUidlsSurviveARestartAndAFormatChange() throws Exception {
        Pop3Settings saving = Pop3Settings.defaults().withUidlFormat("%u-old")
                .withUidlOptions(false, true, Pop3Settings.UidlDuplicates.ALLOW);
        assertThat(uidls(saving)).containsExactly("1-old", "2-old", "3-old");
        assertThat(Files.readString(home.resolve("Maildir/dovecot-uidlist"))).contains(" P1-old :", " P3-old :");
        // A restart: a new provider has no memory of the old one, only the files.
        provider.close();
        provider = new MaildirStorageProvider(List.of(Namespace.inbox('/', List.of())), QuotaSettings.NONE);
        // The administrator changes the format: messages already seen keep the UIDL clients know.
        assertThat(uidls(Pop3Settings.defaults().withUidlFormat("%u-new"))).containsExactly("1-old", "2-old", "3-old");
    }

    @Test
    void aSavedUidlWinsOverXuidlAndOnlyShownMessagesAreSaved() throws Exception {
        Pop3Settings saving = Pop3Settings.defaults().withUidlFormat("%u-old")
                .withUidlOptions(false, true, Pop3Settings.UidlDuplicates.ALLOW);
        try (Maildrop drop = Maildrop.open(open(), saving)) {
            drop.saveShownUidls(2, 2); // "UIDL 2"
        }
        assertThat(uidls(Pop3Settings.defaults().withUidlFormat("%u-new")
                .withUidlOptions(true, false, Pop3Settings.UidlDuplicates.ALLOW)))
                .containsExactly("1-new", "2-old", "3-new");
    }

    @Test
    void withRenamedDuplicatesTheFirstUidlSavesEveryMessage() throws Exception {
        Pop3Settings saving = Pop3Settings.defaults().withUidlFormat("%v")
                .withUidlOptions(false, true, Pop3Settings.UidlDuplicates.RENAME);
        String v;
        try (Maildrop drop = Maildrop.open(open(), saving)) {
            v = drop.uidl(1);
            drop.saveShownUidls(2, 2); // "UIDL 2", as Dovecot: all of them, renamed
        }
        assertThat(uidls(Pop3Settings.defaults().withUidlFormat("%u-new"))).containsExactly(v, v + "-2", v + "-3");
    }

    @Test
    void listingWithoutSavingWritesNothing() throws Exception {
        String before = Files.readString(home.resolve("Maildir/dovecot-uidlist"));
        uidls(Pop3Settings.defaults());
        assertThat(Files.readString(home.resolve("Maildir/dovecot-uidlist"))).isEqualTo(before);
    }

    @Test
    void fileNameIsTheMaildirBaseName() throws Exception {
        List<String> u = uidls(Pop3Settings.defaults().withUidlFormat("%f"));
        try (var files = Files.list(home.resolve("Maildir/cur"))) {
            assertThat(files.map(p -> p.getFileName().toString().replaceFirst(":2,.*$", "")).toList())
                    .containsExactlyInAnyOrderElementsOf(u);
        }
    }

    @Test
    void withoutSavingAFormatChangeChangesTheUidls() throws Exception {
        assertThat(uidls(Pop3Settings.defaults().withUidlFormat("%u-old"))).containsExactly("1-old", "2-old", "3-old");
        assertThat(uidls(Pop3Settings.defaults().withUidlFormat("%u-new"))).containsExactly("1-new", "2-new", "3-new");
    }

    @Test
    void defaultFormatIsLowerCaseHexOfUidAndUidvalidity() {
        assertThat(new UidlFormat("%08Xu%08Xv").expand(1, 1795407778L, "g", "f")).isEqualTo("000000016b03bfa2");
        assertThat(new UidlFormat("%08Xu%08Xv").expand(0xABCDEF12L, 7, "g", "f")).isEqualTo("abcdef1200000007");
        assertThat(new UidlFormat("%g").expand(1, 1, "1795408977.M755696P25634.vm,S=103,W=109", "f"))
                .isEqualTo("1795408977.M755696P25634.vm,S=103,W=109");
        assertThat(new UidlFormat("%f-%{filename}").expand(1, 1, "g", "base")).isEqualTo("base-base");
        assertThat(new UidlFormat("%f").usesFileName()).isTrue();
        assertThat(new UidlFormat("%Lf").usesFileName()).isTrue();
        assertThat(new UidlFormat("%g%u").usesFileName()).isFalse();
        // %m, mbox's header MD5, reaches the storage only when the template uses it (Maildir has none: the listing fails)
        assertThat(new UidlFormat("%m").usesMd5()).isTrue();
        assertThat(new UidlFormat("%{md5}-%u").expand(3, 1, "g", "f", "0123abcd")).isEqualTo("0123abcd-3");
        assertThat(new UidlFormat("%g%u").usesMd5()).isFalse();
        assertThatThrownBy(() -> new UidlFormat("%q")).hasMessageContaining("unknown variable %q");
    }
}
