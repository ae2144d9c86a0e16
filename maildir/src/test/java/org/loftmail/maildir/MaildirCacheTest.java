package org.loftmail.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
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
import org.loftmail.core.storage.index.SearchHeaderCache;
import org.loftmail.core.storage.search.SearchKey;
import org.loftmail.core.storage.quota.QuotaSettings;

/** Cache slots survive a restart, are shared between processes' views, and start over when UIDs do. */
class MaildirCacheTest {

    @TempDir
    Path home;

    private MailStorage open() throws Exception {
        return new MaildirStorageProvider(List.of(), QuotaSettings.NONE).open(StorageUser.of("jsmith", home, "maildir:~/Maildir"));
    }

    @Test
    void slotsPersistAndFollowExpungesAndUidValidity() throws Exception {
        MailStorage s = open();
        for (int i = 0; i < 3; i++) s.mailbox(MailboxName.INBOX).append(new ByteArrayInputStream(("Subject: " + i + "\n\nx\n").getBytes()), AppendRequest.DEFAULT);
        try (SelectedMailbox v = s.mailbox(MailboxName.INBOX).select(false)) {
            v.cache(1, "envelope", "(\"env1\")".getBytes());
            v.cache(2, "envelope", "(\"env2\")".getBytes());
            v.cache(2, "envelope", "(\"env2b\")".getBytes());
            v.cache(2, "bodystructure", new byte[] {0, 1, 2});
        }
        try (SelectedMailbox v = open().mailbox(MailboxName.INBOX).select(false)) {
            assertThat(v.cached(1, "envelope")).hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("(\"env1\")"));
            assertThat(v.cached(2, "envelope")).hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("(\"env2b\")"));
            assertThat(v.cached(2, "bodystructure")).hasValueSatisfying(b -> assertThat(b).containsExactly(0, 1, 2));
            assertThat(v.cached(3, "envelope")).isEmpty();
            v.store(UidSet.of(1), FlagChange.ADD, Flags.of(SystemFlag.DELETED), OptionalLong.empty());
            v.expunge(Optional.empty());
            v.sync(true);
            assertThat(v.cached(1, "envelope")).isEmpty();
        }
        // damage at the end: the cache starts over rather than hiding later values behind it
        Files.write(home.resolve("Maildir/loft.cache"), new byte[] {0, 0, 0, 40, 1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        try (SelectedMailbox v = open().mailbox(MailboxName.INBOX).select(true)) {
            assertThat(v.cached(2, "bodystructure")).isEmpty();
            v.cache(2, "bodystructure", new byte[] {9});
            assertThat(v.cached(2, "bodystructure")).hasValueSatisfying(b -> assertThat(b).containsExactly(9));
        }
        // new UIDVALIDITY: old values must not be served for the new UID 2
        Files.delete(home.resolve("Maildir/dovecot-uidlist"));
        try (SelectedMailbox v = open().mailbox(MailboxName.INBOX).select(true)) {
            assertThat(v.count()).isEqualTo(2);
            assertThat(v.cached(2, "envelope")).isEmpty();
        }
    }

    @Test
    void headerSearchFillsTheCacheAndLaterSearchesDoNotReadMessages() throws Exception {
        MailStorage s = open();
        String[] subjects = {"Quarterly report", "=?UTF-8?Q?R=C3=A9port?= draft", "lunch"};
        for (String subject : subjects) {
            s.mailbox(MailboxName.INBOX).append(new ByteArrayInputStream(("Subject: " + subject
                    + "\nDate: Mon, 2 Jan 2006 10:00:00 +0000\n\nreport in the body\n").getBytes()), AppendRequest.DEFAULT);
        }
        SearchKey subject = new SearchKey.Header("Subject", "report");
        SearchKey accented = new SearchKey.Header("SUBJECT", "réport");
        SearchKey sent = new SearchKey.SentDate(SearchKey.DateComparison.ON, java.time.LocalDate.of(2006, 1, 2));
        try (SelectedMailbox v = s.mailbox(MailboxName.INBOX).select(false)) {
            assertThat(v.search(subject)).isEqualTo(UidSet.of(1));
            assertThat(v.search(accented)).isEqualTo(UidSet.of(2));
            assertThat(v.search(sent)).isEqualTo(UidSet.of(1, 2, 3));
            assertThat(v.search(new SearchKey.Header("X-Missing", ""))).isEqualTo(UidSet.EMPTY);
            // what this process appended is read back at the offsets it computed, without re-reading the file
            assertThat(v.cached(1, SearchHeaderCache.slot("Subject")).flatMap(SearchHeaderCache::decode))
                    .hasValueSatisfying(h -> assertThat(h.first("Subject").orElseThrow().rawValue()).isEqualTo("Quarterly report"));
            assertThat(v.cached(3, SearchHeaderCache.slot("X-Missing")).flatMap(SearchHeaderCache::decode))
                    .hasValueSatisfying(h -> assertThat(h.fields()).isEmpty());
        }
        // the files are rewritten behind our back: a new process still answers Subject and Date from loft.cache
        for (Path f : Files.newDirectoryStream(home.resolve("Maildir/cur"))) Files.write(f, "X-New: yes\n\nbody\n".getBytes());
        try (SelectedMailbox v = open().mailbox(MailboxName.INBOX).select(false)) {
            assertThat(v.search(subject)).isEqualTo(UidSet.of(1));
            assertThat(v.search(accented)).isEqualTo(UidSet.of(2));
            assertThat(v.search(sent)).isEqualTo(UidSet.of(1, 2, 3));
            // a field not searched before is read from the files
            assertThat(v.search(new SearchKey.Header("X-New", "yes"))).isEqualTo(UidSet.of(1, 2, 3));
            assertThat(v.search(new SearchKey.Header("Date", "2006"))).isEqualTo(UidSet.of(1, 2, 3));
            // BODY still reads the message
            assertThat(v.search(new SearchKey.Body("report"))).isEqualTo(UidSet.EMPTY);
        }
    }
}
