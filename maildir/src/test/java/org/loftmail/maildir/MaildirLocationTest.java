package org.loftmail.maildir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.core.storage.quota.QuotaSettings;

/** mail_location parsing and the options that change where things go on disk. */
class MaildirLocationTest {

    @TempDir
    Path home;

    @Test
    void parsesDovecotsOptions() {
        MaildirLocation l = MaildirLocation.parse("maildir:~/Maildir:INBOX=/var/mail/in:INDEX=/var/idx/u:CONTROL=~/ctl:LAYOUT=fs", Path.of("/home/u"));
        assertThat(l.root()).isEqualTo(Path.of("/home/u/Maildir"));
        assertThat(l.inbox()).isEqualTo(Path.of("/var/mail/in"));
        assertThat(l.indexRoot()).contains(Path.of("/var/idx/u"));
        assertThat(l.controlRoot()).contains(Path.of("/home/u/ctl"));
        assertThat(l.layout()).isEqualTo(MaildirLocation.Layout.FS);
        MaildirLocation d = MaildirLocation.parse("maildir:/var/vmail/example.com/jsmith", null);
        assertThat(d.inbox()).isEqualTo(d.root());
        assertThat(d.layout()).isEqualTo(MaildirLocation.Layout.MAILDIRPP);
        assertThat(d.subscriptionsFile()).isEqualTo("subscriptions");
    }

    @Test
    void refusesWhatItCannotHonour() {
        assertThatThrownBy(() -> MaildirLocation.parse("maildir:~/Maildir:INDEX=MEMORY", home)).hasMessageContaining("MEMORY");
        assertThatThrownBy(() -> MaildirLocation.parse("maildir:~/Maildir:LAYOUT=index", home)).hasMessageContaining("LAYOUT");
        assertThatThrownBy(() -> MaildirLocation.parse("maildir:~/Maildir:FULLDIRNAME=x", home)).hasMessageContaining("FULLDIRNAME");
        assertThatThrownBy(() -> MaildirLocation.parse("maildir:relative/path", home)).hasMessageContaining("absolute");
        assertThatThrownBy(() -> MaildirLocation.parse("maildir:~/M:SUBSCRIPTIONS=../x", home)).hasMessageContaining("SUBSCRIPTIONS");
        assertThatThrownBy(() -> new MaildirStorageProvider(List.of(), QuotaSettings.NONE).open(StorageUser.of("u", home, "maildir:")))
                .isInstanceOf(MailStorageException.class);
    }

    @Test
    void utf8NamesAndSubscriptionsFileOption() throws Exception {
        MailStorage s = new MaildirStorageProvider(List.of(), QuotaSettings.NONE)
                .open(StorageUser.of("u", home, "maildir:~/Maildir:UTF-8:SUBSCRIPTIONS=subs"));
        s.create(MailboxName.of("Entwürfe"), Set.of());
        s.subscribe(MailboxName.of("Entwürfe"));
        assertThat(home.resolve("Maildir/.Entwürfe/cur")).isDirectory();
        assertThat(Files.readString(home.resolve("Maildir/subs"))).isEqualTo("V\t2\n\nEntwürfe\n");
        assertThat(s.list()).extracting(i -> i.name().toString()).contains("Entwürfe");
    }

    @Test
    void namesThatWouldLeaveTheRootOrClashAreRefusedOnDisk() throws Exception {
        MailStorage pp = new MaildirStorageProvider(List.of(), QuotaSettings.NONE).open(StorageUser.of("u", home, "maildir:~/Maildir"));
        assertThatThrownBy(() -> pp.create(MailboxName.of("a.b"), Set.of())).hasMessageContaining("'.'");
        pp.create(MailboxName.of("Fish & Chips"), Set.of());
        assertThat(home.resolve("Maildir/.Fish &- Chips/cur")).isDirectory();
        MailStorage fs = new MaildirStorageProvider(List.of(), QuotaSettings.NONE).open(StorageUser.of("u", home, "maildir:~/Mail:LAYOUT=fs"));
        for (String bad : List.of("cur", "new", "tmp", ".hidden")) {
            assertThatThrownBy(() -> fs.create(MailboxName.of(bad), Set.of())).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        fs.create(MailboxName.of("a.b", "c"), Set.of());
        assertThat(home.resolve("Mail/a.b/c/cur")).isDirectory();
        try (var files = Files.walk(home)) {
            assertThat(files.allMatch(p -> p.startsWith(home))).isTrue();
        }
    }
}
