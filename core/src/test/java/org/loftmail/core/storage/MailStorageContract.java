package org.loftmail.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.mail.FlagChange;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.InvalidMailboxNameException;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.search.SearchKey;

/**
 * What every storage backend must do, in IMAP's terms. A backend's test extends this and supplies a provider
 * and a {@code mail_location} inside a temporary home.
 */
public abstract class MailStorageContract {

    @TempDir
    protected Path home;

    protected MailStorageProvider provider;
    protected MailStorage storage;

    /** A provider with these namespace mailbox settings. */
    protected abstract MailStorageProvider createProvider(List<MailboxSetting> mailboxes);

    /** The mail_location for a user whose home is {@code home}. */
    protected abstract String mailLocation(Path home);

    @BeforeEach
    void openStorage() throws Exception {
        provider = createProvider(List.of(
                new MailboxSetting(MailboxName.of("Sent"), Set.of(SpecialUse.SENT), MailboxSetting.Auto.SUBSCRIBE),
                new MailboxSetting(MailboxName.of("Trash"), Set.of(SpecialUse.TRASH), MailboxSetting.Auto.CREATE)));
        storage = openAnother();
    }

    protected MailStorage openAnother() throws MailStorageException {
        return provider.open(StorageUser.of("jsmith", home, mailLocation(home)));
    }

    @AfterEach
    void closeStorage() {
        if (storage != null) storage.close();
        provider.close();
    }

    protected static InputStream message(String subject, String body) {
        String m = "From: alice@example.com\r\nTo: jsmith@example.com\r\nSubject: " + subject
                + "\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\n\r\n" + body + "\r\n";
        return new ByteArrayInputStream(m.getBytes(StandardCharsets.UTF_8));
    }

    protected static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    protected Mailbox inbox() throws MailStorageException {
        return storage.mailbox(MailboxName.INBOX);
    }

    protected AppendResult append(Mailbox mb, String subject) throws MailStorageException {
        return mb.append(message(subject, "body of " + subject), AppendRequest.DEFAULT);
    }

    @Test
    void inboxExistsAndIsEmptyAtFirstOpen() throws Exception {
        MailboxStatus s = inbox().status();
        assertThat(s.messages()).isZero();
        assertThat(s.uidNext()).isEqualTo(1);
        assertThat(s.uidValidity()).isPositive();
        assertThat(storage.list()).extracting(MailboxInfo::name).first().isEqualTo(MailboxName.INBOX);
    }

    @Test
    void appendedMessageReadsBackWithCrlfAndSizes() throws Exception {
        Instant date = Instant.parse("2020-01-01T12:00:00Z");
        String text = "Subject: hi\nFrom: a@example.com\n\nline one\nline two\n";
        AppendResult r = inbox().append(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                new AppendRequest(Optional.of(date), Flags.NONE));
        assertThat(r.uid()).isEqualTo(1);
        assertThat(r.uidValidity()).isEqualTo(inbox().status().uidValidity());
        try (SelectedMailbox view = inbox().select(false)) {
            assertThat(view.count()).isEqualTo(1);
            MessageRecord rec = view.record(1);
            String crlf = text.replace("\n", "\r\n");
            assertThat(rec.uid()).isEqualTo(1);
            assertThat(rec.internalDate()).isEqualTo(date);
            assertThat(rec.virtualSize()).isEqualTo(crlf.length());
            assertThat(read(view.open(1))).isEqualTo(crlf);
            assertThat(rec.guid()).isNotEmpty();
        }
    }

    @Test
    void crlfInputIsStoredSoThatCrlfOutputIsIdentical() throws Exception {
        String crlf = "Subject: x\r\n\r\nbody\r\nmore\r\n";
        inbox().append(new ByteArrayInputStream(crlf.getBytes(StandardCharsets.US_ASCII)), AppendRequest.DEFAULT);
        try (SelectedMailbox view = inbox().select(true)) {
            assertThat(read(view.open(view.uid(1)))).isEqualTo(crlf);
            assertThat(view.record(1).virtualSize()).isEqualTo(crlf.length());
        }
    }

    @Test
    void multiappendIsAllOrNothing() throws Exception {
        try (AppendTransaction tx = inbox().beginAppend()) {
            tx.add(message("a", "1"), AppendRequest.DEFAULT);
            tx.add(message("b", "2"), AppendRequest.of(Flags.of(SystemFlag.SEEN)));
            assertThat(inbox().status().messages()).as("nothing visible before commit").isZero();
            List<AppendResult> r = tx.commit();
            assertThat(r).extracting(AppendResult::uid).containsExactly(1L, 2L);
        }
        try (AppendTransaction tx = inbox().beginAppend()) {
            tx.add(message("c", "3"), AppendRequest.DEFAULT);
        }
        assertThat(inbox().status().messages()).as("an abandoned batch leaves nothing").isEqualTo(2);
        assertThat(append(inbox(), "d").uid()).isEqualTo(3);
    }

    @Test
    void appendKeepsFlagsAndKeywords() throws Exception {
        Flags f = Flags.of(List.of(SystemFlag.SEEN, SystemFlag.FLAGGED), List.of("$Junk", "Work"));
        inbox().append(message("a", "b"), AppendRequest.of(f));
        try (SelectedMailbox view = inbox().select(false)) {
            assertThat(view.record(1).flags()).isEqualTo(f);
            assertThat(view.keywords()).contains("$Junk", "Work");
        }
        MailStorage other = openAnother();
        try (SelectedMailbox view = other.mailbox(MailboxName.INBOX).select(true)) {
            assertThat(view.record(1).flags()).isEqualTo(f);
        }
    }

    @Test
    void uidsAreNeverReusedAfterExpunge() throws Exception {
        append(inbox(), "1");
        append(inbox(), "2");
        try (SelectedMailbox view = inbox().select(false)) {
            view.store(UidSet.of(2), FlagChange.ADD, Flags.of(SystemFlag.DELETED), OptionalLong.empty());
            assertThat(view.expunge(Optional.empty())).isEqualTo(UidSet.of(2));
        }
        assertThat(append(inbox(), "3").uid()).isEqualTo(3);
        assertThat(inbox().status().uidNext()).isEqualTo(4);
        assertThat(inbox().status().messages()).isEqualTo(2);
    }

    @Test
    void storeAddsRemovesReplacesAndRaisesModSeq() throws Exception {
        append(inbox(), "1");
        try (SelectedMailbox view = inbox().select(false)) {
            long before = view.record(1).modSeq();
            StoreResult r = view.store(UidSet.of(1), FlagChange.ADD, Flags.of(List.of(SystemFlag.SEEN), List.of("$Label1")), OptionalLong.empty());
            assertThat(r.updated()).hasSize(1);
            assertThat(r.updated().get(0).modSeq()).isGreaterThan(before);
            assertThat(view.record(1).flags()).isEqualTo(Flags.of(List.of(SystemFlag.SEEN), List.of("$Label1")));
            view.store(UidSet.of(1), FlagChange.REMOVE, Flags.of(SystemFlag.SEEN), OptionalLong.empty());
            assertThat(view.record(1).flags()).isEqualTo(Flags.of(List.of(), List.of("$Label1")));
            view.store(UidSet.of(1), FlagChange.REPLACE, Flags.of(SystemFlag.ANSWERED), OptionalLong.empty());
            assertThat(view.record(1).flags()).isEqualTo(Flags.of(SystemFlag.ANSWERED));
            assertThat(view.sync(true).flagUpdates()).as("own changes are not repeated").isEmpty();
            assertThat(inbox().status().highestModSeq()).isEqualTo(view.record(1).modSeq());
        }
    }

    @Test
    void unchangedSinceSkipsNewerMessages() throws Exception {
        append(inbox(), "1");
        append(inbox(), "2");
        try (SelectedMailbox view = inbox().select(false)) {
            view.store(UidSet.of(2), FlagChange.ADD, Flags.of(SystemFlag.SEEN), OptionalLong.empty());
            long ms1 = view.record(1).modSeq();
            StoreResult r = view.store(UidSet.of(1, 2), FlagChange.ADD, Flags.of(SystemFlag.FLAGGED), OptionalLong.of(ms1));
            assertThat(r.modified()).isEqualTo(UidSet.of(2));
            assertThat(view.record(2).flags().contains(SystemFlag.FLAGGED)).isFalse();
            assertThat(view.record(1).flags().contains(SystemFlag.FLAGGED)).isTrue();
        }
    }

    @Test
    void anotherSessionSeesChangesOnlyAtItsSyncPoint() throws Exception {
        for (int i = 1; i <= 5; i++) append(inbox(), "m" + i);
        MailStorage other = openAnother();
        try (SelectedMailbox a = inbox().select(false);
                SelectedMailbox b = other.mailbox(MailboxName.INBOX).select(false)) {
            a.store(UidSet.of(2, 4), FlagChange.ADD, Flags.of(SystemFlag.DELETED), OptionalLong.empty());
            a.store(UidSet.of(5), FlagChange.ADD, Flags.of(SystemFlag.SEEN), OptionalLong.empty());
            a.expunge(Optional.empty());
            append(inbox(), "m6");
            assertThat(b.count()).as("no change before sync").isEqualTo(5);

            SyncResult noExpunge = b.sync(false);
            assertThat(noExpunge.expungeSeqs()).isEmpty();
            assertThat(b.count()).isEqualTo(6);
            assertThatThrownBy(() -> b.open(2)).isInstanceOf(MessageExpungedException.class);

            SyncResult s = b.sync(true);
            assertThat(s.expungeSeqs()).containsExactly(2, 3);
            assertThat(s.expunged()).isEqualTo(UidSet.of(2, 4));
            assertThat(s.exists()).isEqualTo(4);
            assertThat(b.uid(3)).isEqualTo(5);
            assertThat(b.uid(4)).isEqualTo(6);
            SyncResult a2 = a.sync(true);
            assertThat(a2.expungeSeqs()).containsExactly(2, 3);
            assertThat(a2.existsChanged()).isTrue();
            assertThat(b.record(3).flags().contains(SystemFlag.SEEN)).isTrue();
        }
    }

    @Test
    void flagChangesOfOthersAreReported() throws Exception {
        append(inbox(), "1");
        append(inbox(), "2");
        MailStorage other = openAnother();
        try (SelectedMailbox a = inbox().select(false);
                SelectedMailbox b = other.mailbox(MailboxName.INBOX).select(false)) {
            a.store(UidSet.of(2), FlagChange.ADD, Flags.of(SystemFlag.FLAGGED), OptionalLong.empty());
            SyncResult s = b.sync(true);
            assertThat(s.flagUpdates()).hasSize(1);
            FlagUpdate u = s.flagUpdates().get(0);
            assertThat(u.seq()).isEqualTo(2);
            assertThat(u.uid()).isEqualTo(2);
            assertThat(u.flags().contains(SystemFlag.FLAGGED)).isTrue();
            assertThat(u.modSeq()).isEqualTo(a.record(2).modSeq());
            assertThat(b.sync(true).isEmpty()).isTrue();
        }
    }

    @Test
    void expungeHistoryAnswersVanishedSinceAModSeq() throws Exception {
        for (int i = 0; i < 4; i++) append(inbox(), "m" + i);
        try (SelectedMailbox v = inbox().select(false)) {
            long before = v.highestModSeq();
            v.store(UidSet.of(2), FlagChange.ADD, Flags.of(SystemFlag.DELETED), OptionalLong.empty());
            v.expunge(Optional.empty());
            long middle = v.sync(true).highestModSeq();
            v.store(UidSet.of(3), FlagChange.ADD, Flags.of(SystemFlag.DELETED), OptionalLong.empty());
            v.expunge(Optional.empty());
            v.sync(true);
            assertThat(v.expungedSince(before)).isEqualTo(UidSet.of(2, 3));
            assertThat(v.expungedSince(middle)).isEqualTo(UidSet.of(3));
            assertThat(v.expungedSince(v.highestModSeq())).isEqualTo(UidSet.EMPTY);
            assertThat(v.expungedSince(0)).as("superset allowed, but must cover").matches(s -> s.contains(2) && s.contains(3) && !s.contains(1));
        }
    }

    @Test
    void recentGoesToTheFirstWritableSession() throws Exception {
        append(inbox(), "1");
        assertThat(inbox().status().recent()).isEqualTo(1);
        MailStorage other = openAnother();
        try (SelectedMailbox a = inbox().select(false)) {
            assertThat(a.recentCount()).isEqualTo(1);
            assertThat(a.isRecent(1)).isTrue();
            try (SelectedMailbox b = other.mailbox(MailboxName.INBOX).select(false)) {
                assertThat(b.recentCount()).isZero();
            }
            append(inbox(), "2");
            SyncResult s = a.sync(true);
            assertThat(s.recent()).isEqualTo(2);
            assertThat(s.exists()).isEqualTo(2);
            assertThat(s.existsChanged()).isTrue();
        }
    }

    @Test
    void mailboxesAreCreatedListedRenamedAndDeleted() throws Exception {
        storage.create(MailboxName.of("Work", "Projects"), Set.of());
        storage.create(MailboxName.of("Entwürfe"), Set.of());
        List<MailboxInfo> list = storage.list();
        assertThat(list).extracting(i -> i.name().toString())
                .contains("INBOX", "Work", "Work/Projects", "Entwürfe", "Sent", "Trash");
        MailboxInfo work = list.stream().filter(i -> i.name().equals(MailboxName.of("Work"))).findFirst().orElseThrow();
        assertThat(work.attributes()).contains(MailboxAttribute.NOSELECT, MailboxAttribute.HAS_CHILDREN);
        assertThatThrownBy(() -> storage.create(MailboxName.of("Work", "Projects"), Set.of())).isInstanceOf(MailboxExistsException.class);
        assertThatThrownBy(() -> storage.mailbox(MailboxName.of("Work"))).isInstanceOf(MailboxNotFoundException.class);

        Mailbox p = storage.mailbox(MailboxName.of("Work", "Projects"));
        append(p, "in projects");
        long validity = p.status().uidValidity();
        storage.rename(MailboxName.of("Work", "Projects"), MailboxName.of("Archive", "2026"));
        Mailbox renamed = storage.mailbox(MailboxName.of("Archive", "2026"));
        assertThat(renamed.status().messages()).isEqualTo(1);
        assertThat(renamed.status().uidValidity()).isEqualTo(validity);
        assertThatThrownBy(() -> storage.mailbox(MailboxName.of("Work", "Projects"))).isInstanceOf(MailboxNotFoundException.class);

        storage.delete(MailboxName.of("Archive", "2026"));
        assertThat(storage.list()).extracting(i -> i.name().toString()).doesNotContain("Archive/2026", "Archive");
        assertThatThrownBy(() -> storage.delete(MailboxName.INBOX)).isInstanceOf(MailboxOperationException.class);
        assertThatThrownBy(() -> storage.delete(MailboxName.of("Nope"))).isInstanceOf(MailboxNotFoundException.class);
    }

    @Test
    void recreatedMailboxGetsNewUidValidity() throws Exception {
        storage.create(MailboxName.of("Tmp"), Set.of());
        long v1 = storage.mailbox(MailboxName.of("Tmp")).status().uidValidity();
        storage.delete(MailboxName.of("Tmp"));
        storage.create(MailboxName.of("Tmp"), Set.of());
        assertThat(storage.mailbox(MailboxName.of("Tmp")).status().uidValidity()).isNotEqualTo(v1);
    }

    @Test
    void renamingInboxMovesItsMessages() throws Exception {
        append(inbox(), "1");
        storage.rename(MailboxName.INBOX, MailboxName.of("Old"));
        assertThat(inbox().status().messages()).isZero();
        assertThat(storage.mailbox(MailboxName.of("Old")).status().messages()).isEqualTo(1);
    }

    @Test
    void specialUseAndAutoSubscribeComeFromSettings() throws Exception {
        MailboxInfo sent = storage.info(MailboxName.of("Sent")).orElseThrow();
        assertThat(sent.specialUse()).containsExactly(SpecialUse.SENT);
        assertThat(sent.subscribed()).isTrue();
        assertThat(storage.info(MailboxName.of("Trash")).orElseThrow().subscribed()).isFalse();
        storage.create(MailboxName.of("Old mail"), Set.of(SpecialUse.ARCHIVE));
        assertThat(storage.mailbox(MailboxName.of("Old mail")).specialUse()).containsExactly(SpecialUse.ARCHIVE);
    }

    @Test
    void subscriptionsPersist() throws Exception {
        storage.create(MailboxName.of("Lists", "Java"), Set.of());
        storage.subscribe(MailboxName.of("Lists", "Java"));
        storage.subscribe(MailboxName.of("Gone"));
        assertThat(openAnother().subscriptions()).contains(MailboxName.of("Lists", "Java"), MailboxName.of("Gone"));
        storage.unsubscribe(MailboxName.of("Gone"));
        assertThat(openAnother().subscriptions()).doesNotContain(MailboxName.of("Gone"));
    }

    @Test
    void copyAndMoveKeepFlagsAndDatesAndReportUids() throws Exception {
        storage.create(MailboxName.of("Dest"), Set.of());
        Mailbox dest = storage.mailbox(MailboxName.of("Dest"));
        Instant date = Instant.parse("2021-05-05T05:05:05Z");
        inbox().append(message("1", "x"), new AppendRequest(Optional.of(date), Flags.of(List.of(SystemFlag.SEEN), List.of("Work"))));
        append(inbox(), "2");
        append(inbox(), "3");
        try (SelectedMailbox view = inbox().select(false)) {
            CopyResult c = view.copy(UidSet.of(1, 2), dest);
            assertThat(c.sourceUids()).containsExactly(1L, 2L);
            assertThat(c.destinationUids()).containsExactly(1L, 2L);
            assertThat(c.uidValidity()).isEqualTo(dest.status().uidValidity());
            CopyResult m = view.move(UidSet.of(3), dest);
            assertThat(m.destinationUids()).containsExactly(3L);
            SyncResult s = view.sync(true);
            assertThat(s.expungeSeqs()).containsExactly(3);
        }
        try (SelectedMailbox d = dest.select(true)) {
            assertThat(d.count()).isEqualTo(3);
            assertThat(d.record(1).flags()).isEqualTo(Flags.of(List.of(SystemFlag.SEEN), List.of("Work")));
            assertThat(d.record(1).internalDate()).isEqualTo(date);
            assertThat(read(d.open(3))).contains("Subject: 3");
        }
    }

    @Test
    void searchEvaluatesFlagsSizesDatesAndText() throws Exception {
        inbox().append(message("hello world", "needle in body"),
                new AppendRequest(Optional.of(Instant.parse("2020-06-01T12:00:00Z")), Flags.of(SystemFlag.SEEN)));
        inbox().append(message("other", "x".repeat(2000)), AppendRequest.DEFAULT);
        try (SelectedMailbox v = inbox().select(false)) {
            assertThat(v.search(new SearchKey.Flag(SystemFlag.SEEN, true))).isEqualTo(UidSet.of(1));
            assertThat(v.search(new SearchKey.Larger(1000))).isEqualTo(UidSet.of(2));
            assertThat(v.search(new SearchKey.Header("Subject", "WORLD"))).isEqualTo(UidSet.of(1));
            assertThat(v.search(new SearchKey.Body("needle"))).isEqualTo(UidSet.of(1));
            assertThat(v.search(new SearchKey.Not(new SearchKey.Body("needle")))).isEqualTo(UidSet.of(2));
            LocalDate june = Instant.parse("2020-06-01T12:00:00Z").atZone(ZoneId.systemDefault()).toLocalDate();
            assertThat(v.search(new SearchKey.InternalDate(SearchKey.DateComparison.ON, june))).isEqualTo(UidSet.of(1));
            assertThat(v.search(new SearchKey.SequenceNumbers(UidSet.of(2)))).isEqualTo(UidSet.of(2));
            assertThat(v.search(new SearchKey.And(List.of(new SearchKey.Recent(), new SearchKey.Uids(UidSet.range(2, 9)))))).isEqualTo(UidSet.of(2));
        }
    }

    @Test
    void searchDecodesEncodedWordsAndTransferEncodings() throws Exception {
        String m = "From: =?UTF-8?Q?J=C3=BCrgen?= <j@example.com>\r\nSubject: =?UTF-8?B?R3LDvMOfZQ==?=\r\n"
                + "Date: Tue, 3 Nov 2026 08:00:00 +0100\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + java.util.Base64.getMimeEncoder().encodeToString("Die Straße ist naß".getBytes(StandardCharsets.UTF_8)) + "\r\n";
        inbox().append(new ByteArrayInputStream(m.getBytes(StandardCharsets.US_ASCII)), AppendRequest.DEFAULT);
        append(inbox(), "plain");
        try (SelectedMailbox v = inbox().select(true)) {
            assertThat(v.search(new SearchKey.Header("Subject", "grüße"))).isEqualTo(UidSet.of(1));
            assertThat(v.search(new SearchKey.Header("From", "jürgen"))).isEqualTo(UidSet.of(1));
            assertThat(v.search(new SearchKey.Body("straße"))).isEqualTo(UidSet.of(1));
            assertThat(v.search(new SearchKey.Text("jürgen"))).isEqualTo(UidSet.of(1));
            assertThat(v.search(new SearchKey.Header("X-Missing", ""))).isEqualTo(UidSet.EMPTY);
            assertThat(v.search(new SearchKey.SentDate(SearchKey.DateComparison.ON, LocalDate.of(2026, 11, 3)))).isEqualTo(UidSet.of(1));
            assertThat(v.search(new SearchKey.SentDate(SearchKey.DateComparison.BEFORE, LocalDate.of(2026, 11, 3)))).isEqualTo(UidSet.of(2));
        }
    }

    @Test
    void listenersHearAppendsFlagsAndExpunges() throws Exception {
        List<MailboxChange> heard = new CopyOnWriteArrayList<>();
        MailStorage other = openAnother();
        try (ListenerRegistration reg = other.mailbox(MailboxName.INBOX).addListener(heard::add)) {
            append(inbox(), "1");
            try (SelectedMailbox v = inbox().select(false)) {
                v.store(UidSet.of(1), FlagChange.ADD, Flags.of(SystemFlag.DELETED), OptionalLong.empty());
                v.expunge(Optional.empty());
            }
        }
        append(inbox(), "after close");
        assertThat(heard).extracting(MailboxChange::kind)
                .filteredOn(k -> k != MailboxChange.Kind.EXTERNAL) // a backend may also pass on what its watcher saw
                .containsExactly(MailboxChange.Kind.APPENDED, MailboxChange.Kind.FLAGS, MailboxChange.Kind.EXPUNGED);
    }

    @Test
    void statusCountsUnseenDeletedAndSize() throws Exception {
        inbox().append(message("1", "a"), AppendRequest.of(Flags.of(SystemFlag.SEEN)));
        inbox().append(message("2", "b"), AppendRequest.of(Flags.of(SystemFlag.DELETED)));
        MailboxStatus s = inbox().status();
        assertThat(s.messages()).isEqualTo(2);
        assertThat(s.unseen()).isEqualTo(1);
        assertThat(s.deleted()).isEqualTo(1);
        try (SelectedMailbox v = inbox().select(true)) {
            assertThat(s.size()).isEqualTo(v.record(1).virtualSize() + v.record(2).virtualSize());
            assertThat(v.firstUnseen()).isEqualTo(2);
        }
    }

    @Test
    void readOnlyViewRefusesWrites() throws Exception {
        append(inbox(), "1");
        try (SelectedMailbox v = inbox().select(true)) {
            assertThatThrownBy(() -> v.store(UidSet.of(1), FlagChange.ADD, Flags.of(SystemFlag.SEEN), OptionalLong.empty()))
                    .isInstanceOf(MailboxOperationException.class);
            assertThatThrownBy(() -> v.expunge(Optional.empty())).isInstanceOf(MailboxOperationException.class);
        }
    }

    @Test
    void hostileMailboxNamesAreRefused() {
        List<List<String>> bad = new ArrayList<>(List.of(
                List.of(".."), List.of("a", ".."), List.of("."), List.of("a\u0000b"), List.of("a\nb"), List.of("a/b"),
                List.of("x".repeat(300)), List.of("")));
        for (List<String> levels : bad) {
            assertThatThrownBy(() -> storage.create(new MailboxName(levels), Set.of()))
                    .as(levels.toString()).isInstanceOf(InvalidMailboxNameException.class);
        }
        for (String s : List.of("../../etc", "a/../../b", "/etc/passwd", "~root", "..", "a//b")) {
            assertThatThrownBy(() -> storage.create(MailboxName.parse(s, '/'), Set.of()))
                    .as(s).isInstanceOf(InvalidMailboxNameException.class);
        }
    }

    @Test
    void structureIsTheParsedMessageAndItsSectionsPointIntoTheStoredBytes() throws Exception {
        append(inbox(), "parsed once");
        try (SelectedMailbox v = inbox().select(true)) {
            org.loftmail.core.mime.MessageSummary first = v.structure(1);
            assertThat(new String(first.envelopeBytes(), StandardCharsets.ISO_8859_1)).contains("\"parsed once\"");
            org.loftmail.core.mime.Span text = first.section("TEXT").orElseThrow();
            byte[] stored;
            try (var in = v.openPhysical(1)) {
                stored = in.readAllBytes();
            }
            assertThat(new String(stored, (int) text.offset(), (int) text.rawSize(), StandardCharsets.ISO_8859_1))
                    .startsWith("body of parsed once");
            assertThat(v.structure(1).bodyStructureBytes()).isEqualTo(first.bodyStructureBytes());
        }
    }

    @Test
    void uidSetsAndSequenceHelpersWork() throws Exception {
        for (int i = 0; i < 4; i++) append(inbox(), "m" + i);
        try (SelectedMailbox v = inbox().select(true)) {
            assertThat(v.uidsAt(UidSet.range(2, 10))).isEqualTo(UidSet.range(2, 4));
            assertThat(v.existing(UidSet.range(3, UidSet.MAX))).isEqualTo(UidSet.range(3, 4));
            assertThat(v.seq(4)).isEqualTo(4);
            assertThat(v.seq(99)).isZero();
        }
    }

    @Test
    void pop3SessionLockExcludesOtherSessionsUntilClosed() throws Exception {
        MailStorage other = openAnother();
        try (HeldLock held = storage.lockPop3Session(java.time.Duration.ofMillis(10)).orElseThrow()) {
            assertThat(held.lost()).isFalse();
            assertThat(other.lockPop3Session(java.time.Duration.ofMillis(50))).as("held by the first session").isEmpty();
        }
        Optional<HeldLock> again = other.lockPop3Session(java.time.Duration.ofMillis(50));
        assertThat(again).as("free after close").isPresent();
        again.get().close();
        again.get().close(); // twice is harmless
        storage.lockPop3Session(java.time.Duration.ofMillis(50)).orElseThrow().close();
    }

    @Test
    void savedPop3UidlsLastAndSkipExpungedAndInvalidOnes() throws Exception {
        for (int i = 0; i < 3; i++) append(inbox(), "m" + i);
        try (SelectedMailbox v = inbox().select(false)) {
            v.store(UidSet.of(3), FlagChange.ADD, Flags.of(SystemFlag.DELETED), OptionalLong.empty());
            v.expunge(Optional.empty());
            v.savePop3Uidls(java.util.Map.of(1L, "uidl-one", 2L, "has space", 3L, "gone"));
            assertThat(v.storageId(1)).isPresent();
        }
        MailStorage other = openAnother();
        try (SelectedMailbox v = other.mailbox(MailboxName.INBOX).select(true)) {
            assertThat(v.savedPop3Uidls(UidSet.range(1, 3))).containsEntry(1L, "uidl-one")
                    .doesNotContainKey(3L).doesNotContainValue("has space");
            assertThat(v.storageId(1)).isEqualTo(v.storageId(1)).isNotEqualTo(v.storageId(2));
        }
    }

    @Test
    void renameKeepsUidsFlagsAndUidNext() throws Exception {
        storage.create(MailboxName.of("A"), Set.of());
        Mailbox a = storage.mailbox(MailboxName.of("A"));
        append(a, "1");
        a.append(message("2", "x"), AppendRequest.of(Flags.of(List.of(SystemFlag.FLAGGED), List.of("Kw"))));
        try (SelectedMailbox v = a.select(false)) {
            v.store(UidSet.of(1), FlagChange.ADD, Flags.of(SystemFlag.DELETED), OptionalLong.empty());
            v.expunge(Optional.empty());
        }
        storage.rename(MailboxName.of("A"), MailboxName.of("B"));
        Mailbox b = storage.mailbox(MailboxName.of("B"));
        assertThat(b.status().uidNext()).isEqualTo(3);
        try (SelectedMailbox v = b.select(true)) {
            assertThat(v.uids()).isEqualTo(UidSet.of(2));
            assertThat(v.record(1).flags()).isEqualTo(Flags.of(List.of(SystemFlag.FLAGGED), List.of("Kw")));
            assertThat(read(v.open(2))).contains("Subject: 2");
        }
        assertThat(append(b, "3").uid()).isEqualTo(3);
    }
}
