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
import org.loftmail.core.storage.index.MessageData;
import org.loftmail.core.storage.index.ParsedMessageCache;
import org.loftmail.core.storage.search.SearchKey;
import org.loftmail.core.storage.quota.QuotaSettings;

/** Parsed message data: filled at save, survives a restart, merged from SEARCH and FETCH, starts over when UIDs do. */
class MaildirCacheTest {

    @TempDir
    Path home;

    private MailStorage open() throws Exception {
        return new MaildirStorageProvider(List.of(), QuotaSettings.NONE).open(StorageUser.of("jsmith", home, "maildir:~/Maildir"));
    }

    private static Optional<MessageData> parsed(MailStorage s, long uid) throws Exception {
        MaildirMailbox inbox = (MaildirMailbox) s.mailbox(MailboxName.INBOX);
        return new ParsedMessageCache(inbox.index()).data(inbox.status().uidValidity(), uid);
    }

    private static String envelope(SelectedMailbox v, long uid) throws Exception {
        return new String(v.structure(uid).envelopeBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Test
    void appendParsesOnceAndTheDataPersistsAndFollowsExpungesAndUidValidity() throws Exception {
        MailStorage s = open();
        for (int i = 0; i < 3; i++) s.mailbox(MailboxName.INBOX).append(new ByteArrayInputStream(("Subject: s" + i + "\n\nx\n").getBytes()), AppendRequest.DEFAULT);
        // filled at save time, before anyone FETCHed: structure and the standard header fields
        assertThat(parsed(s, 2)).hasValueSatisfying(d -> {
            assertThat(d.summary()).isPresent();
            assertThat(d.header("Subject").orElseThrow().firstValue("Subject")).isEqualTo("s1");
            assertThat(d.header("References").orElseThrow().fields()).isEmpty();
            assertThat(d.header("X-Other")).isEmpty();
        });
        // the files change behind our back: a new process still answers ENVELOPE from loft.cache
        for (Path f : Files.newDirectoryStream(home.resolve("Maildir/new"))) Files.write(f, "Subject: other\n\ny\n".getBytes());
        MailStorage again = open();
        try (SelectedMailbox v = again.mailbox(MailboxName.INBOX).select(false)) {
            assertThat(envelope(v, 1)).contains("\"s0\"");
            assertThat(envelope(v, 2)).contains("\"s1\"");
            v.store(UidSet.of(1), FlagChange.ADD, Flags.of(SystemFlag.DELETED), OptionalLong.empty());
            v.expunge(Optional.empty());
            v.sync(true);
            assertThat(parsed(again, 1)).isEmpty();
        }
        // damage at the end: the cache starts over rather than hiding later values behind it; the file is parsed again
        Files.write(home.resolve("Maildir/loft.cache"), new byte[] {0, 0, 0, 40, 1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        MailStorage third = open();
        try (SelectedMailbox v = third.mailbox(MailboxName.INBOX).select(true)) {
            assertThat(parsed(third, 2)).isEmpty();
            assertThat(envelope(v, 2)).contains("\"other\"");
            assertThat(parsed(third, 2)).hasValueSatisfying(d -> assertThat(d.summary()).isPresent());
        }
        // new UIDVALIDITY: old values must not be served for the new UID 2
        Files.delete(home.resolve("Maildir/dovecot-uidlist"));
        MailStorage fourth = open();
        try (SelectedMailbox v = fourth.mailbox(MailboxName.INBOX).select(true)) {
            assertThat(v.count()).isEqualTo(2);
            assertThat(parsed(fourth, 2)).isEmpty();
        }
    }

    @Test
    void aMessageAnotherProgramWroteIsParsedOnFirstUseAndWhatSearchAndFetchLearnIsMerged() throws Exception {
        MailStorage s = open();
        s.mailbox(MailboxName.INBOX).status();
        Files.write(home.resolve("Maildir/new/1700000000.M1P1.other"),
                "Subject: dropped\nX-Tag: red\nMessage-ID: <a@b>\n\nbody\n".getBytes());
        try (SelectedMailbox v = s.mailbox(MailboxName.INBOX).select(false)) {
            assertThat(parsed(s, 1)).isEmpty();
            assertThat(v.search(new SearchKey.Header("X-Tag", "red"))).isEqualTo(UidSet.of(1));
            assertThat(parsed(s, 1)).hasValueSatisfying(d -> {
                assertThat(d.summary()).isEmpty(); // SEARCH read the header only
                assertThat(d.header("x-tag").orElseThrow().firstValue("X-Tag")).isEqualTo("red");
                assertThat(d.header("Message-ID").orElseThrow().firstValue("Message-ID")).isEqualTo("<a@b>");
            });
            assertThat(envelope(v, 1)).contains("\"dropped\"");
            assertThat(parsed(s, 1)).hasValueSatisfying(d -> {
                assertThat(d.summary()).isPresent();
                assertThat(d.header("X-Tag")).isPresent(); // kept from the search
            });
        }
    }

    @Test
    void aCopyGetsTheOriginalsParsedDataWithoutAParse() throws Exception {
        MailStorage s = open();
        s.create(MailboxName.of("Archive"), java.util.Set.of());
        s.mailbox(MailboxName.INBOX).append(new ByteArrayInputStream("Subject: kept\nX-Tag: blue\n\nx\n".getBytes()), AppendRequest.DEFAULT);
        MaildirMailbox archive = (MaildirMailbox) s.mailbox(MailboxName.of("Archive"));
        try (SelectedMailbox v = s.mailbox(MailboxName.INBOX).select(false)) {
            assertThat(v.search(new SearchKey.Header("X-Tag", "blue"))).isEqualTo(UidSet.of(1)); // adds X-Tag
            long copy = v.copy(UidSet.of(1), archive).destinationUids().get(0);
            assertThat(new ParsedMessageCache(archive.index()).data(archive.status().uidValidity(), copy)).hasValueSatisfying(d -> {
                assertThat(d.summary()).isPresent();
                assertThat(d.header("X-Tag").orElseThrow().firstValue("X-Tag")).isEqualTo("blue");
            });
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
            assertThat(parsed(s, 1).flatMap(d -> d.header("Subject")))
                    .hasValueSatisfying(h -> assertThat(h.first("Subject").orElseThrow().rawValue()).isEqualTo("Quarterly report"));
            assertThat(parsed(s, 3).flatMap(d -> d.header("X-Missing")))
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
