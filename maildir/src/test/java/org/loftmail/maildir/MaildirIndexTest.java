package org.loftmail.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
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
import org.loftmail.core.storage.MessageRecord;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.core.storage.quota.QuotaSettings;

/** Loft's index is a cache: used when valid, rebuilt with the same UIDs when deleted, stale or corrupt. */
class MaildirIndexTest {

    @TempDir
    Path home;

    private final List<MaildirStorageProvider> providers = new ArrayList<>();

    /** A new "process": its own provider, so nothing is shared in memory with earlier ones. */
    private MailStorage open() throws Exception {
        MaildirStorageProvider provider = new MaildirStorageProvider(List.of(), QuotaSettings.NONE);
        providers.add(provider);
        return provider.open(StorageUser.of("jsmith", home, "maildir:~/Maildir"));
    }

    /** The processes opened so far shut down cleanly (writing the snapshots they deferred). */
    private void shutDown() {
        providers.forEach(MaildirStorageProvider::close);
        providers.clear();
    }

    private List<MessageRecord> records(MailStorage s) throws Exception {
        List<MessageRecord> out = new ArrayList<>();
        try (SelectedMailbox v = s.mailbox(MailboxName.INBOX).select(true)) {
            for (int i = 1; i <= v.count(); i++) out.add(v.record(i));
        }
        return out;
    }

    private List<MessageRecord> populate() throws Exception {
        MailStorage s = open();
        for (int i = 0; i < 10; i++) {
            s.mailbox(MailboxName.INBOX).append(new ByteArrayInputStream(("Subject: " + i + "\n\nbody\n").getBytes()), AppendRequest.DEFAULT);
        }
        try (SelectedMailbox v = s.mailbox(MailboxName.INBOX).select(false)) {
            v.store(UidSet.of(2, 3, 4), FlagChange.ADD, Flags.of(SystemFlag.DELETED), OptionalLong.empty());
            v.expunge(Optional.empty());
            v.store(UidSet.of(7), FlagChange.ADD, Flags.of(List.of(SystemFlag.SEEN), List.of("Kw")), OptionalLong.empty());
        }
        List<MessageRecord> records = records(s);
        shutDown();
        return records;
    }

    private static List<String> idFlags(List<MessageRecord> l) {
        return l.stream().map(r -> r.uid() + " " + r.flags() + " " + r.internalDate() + " " + r.virtualSize() + " " + r.guid()).toList();
    }

    @Test
    void deletedIndexIsRebuiltWithTheSameUids() throws Exception {
        List<MessageRecord> before = populate();
        Files.delete(home.resolve("Maildir/loft.index"));
        assertThat(idFlags(records(open()))).isEqualTo(idFlags(before));
        assertThat(home.resolve("Maildir/loft.index")).exists();
    }

    @Test
    void corruptIndexIsIgnoredAndRebuilt() throws Exception {
        List<MessageRecord> before = populate();
        Path index = home.resolve("Maildir/loft.index");
        byte[] bytes = Files.readAllBytes(index);
        for (int i = 40; i < bytes.length; i += 7) bytes[i] ^= 0x5a;
        Files.write(index, bytes);
        assertThat(idFlags(records(open()))).isEqualTo(idFlags(before));
        Files.write(index, new byte[] {1, 2, 3});
        assertThat(idFlags(records(open()))).isEqualTo(idFlags(before));
        Files.write(index, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
        assertThat(idFlags(records(open()))).isEqualTo(idFlags(before));
    }

    @Test
    void staleIndexNoticesChangesMadeBehindItsBack() throws Exception {
        populate();
        // another program renames a file to add \Flagged and drops a new message into new/
        Path cur = home.resolve("Maildir/cur");
        Path first;
        try (var s = Files.list(cur)) {
            first = s.sorted().findFirst().orElseThrow();
        }
        String name = first.getFileName().toString();
        Files.move(first, cur.resolve(name.substring(0, name.indexOf(":2,") + 3) + "F"));
        Files.writeString(home.resolve("Maildir/new/1700000000.M1P1.otherhost"), "Subject: dropped\n\nhi\n");
        List<MessageRecord> after = records(open());
        assertThat(after).filteredOn(r -> r.flags().contains(SystemFlag.FLAGGED)).hasSize(1);
        assertThat(after.get(after.size() - 1).uid()).isEqualTo(11);
    }

    @Test
    void validIndexAvoidsDirectoryScansAndKeepsModSeqs() throws Exception {
        List<MessageRecord> before = populate();
        // settle the directories' and uidlist's mtimes in the past, then let one open record them in the index
        Instant past = Instant.now().minusSeconds(3600);
        for (String p : List.of("Maildir/cur", "Maildir/new", "Maildir/dovecot-uidlist")) {
            Files.setLastModifiedTime(home.resolve(p), FileTime.from(past));
        }
        assertThat(records(open())).isEqualTo(before);
        MaildirStorageProvider provider = new MaildirStorageProvider(List.of(), QuotaSettings.NONE);
        MailStorage s = provider.open(StorageUser.of("jsmith", home, "maildir:~/Maildir"));
        MaildirMailbox inbox = (MaildirMailbox) s.mailbox(MailboxName.INBOX);
        assertThat(inbox.status().messages()).isEqualTo(7);
        assertThat(records(s)).isEqualTo(before);
        assertThat(inbox.state().scans).as("no directory listing when nothing changed").isZero();
        // the open above found the directories moved (as after another program) and raised HIGHESTMODSEQ (ADR 0506);
        // the records kept their MODSEQs, and the trusted reopen continues exactly where that left it
        assertThat(inbox.status().highestModSeq()).isGreaterThanOrEqualTo(before.stream().mapToLong(MessageRecord::modSeq).max().orElseThrow());
    }

    @Test
    void aProcessThatDiedBeforeItsSnapshotNeverLeadsToOldModSeqsOrLostExpunges() throws Exception {
        populate();
        MailStorage s = open();
        long highest;
        try (SelectedMailbox v = s.mailbox(MailboxName.INBOX).select(false)) {
            v.store(UidSet.of(5), FlagChange.ADD, Flags.of(SystemFlag.FLAGGED), OptionalLong.empty());
            v.store(UidSet.of(6), FlagChange.ADD, Flags.of(SystemFlag.DELETED), OptionalLong.empty());
            v.expunge(Optional.empty());
            v.sync(true);
            highest = v.highestModSeq();
        }
        providers.clear(); // this "process" dies: no shutdown, its snapshot may be behind
        MailStorage after = open();
        try (SelectedMailbox v = after.mailbox(MailboxName.INBOX).select(true)) {
            assertThat(v.highestModSeq()).isGreaterThanOrEqualTo(highest);
            assertThat(v.record(v.seq(5)).flags().contains(SystemFlag.FLAGGED)).isTrue();
            assertThat(v.seq(6)).isZero();
            // a client that saw everything up to the last MODSEQ still learns that 6 is gone
            assertThat(v.expungedSince(highest - 1).contains(6)).isTrue();
        }
        try (SelectedMailbox v = after.mailbox(MailboxName.INBOX).select(false)) {
            v.store(UidSet.of(8), FlagChange.ADD, Flags.of(SystemFlag.SEEN), OptionalLong.empty());
            v.sync(true);
            assertThat(v.record(v.seq(8)).modSeq()).as("no MODSEQ handed out twice").isGreaterThan(highest);
        }
    }

    @Test
    void anIndexInThePreviousFormatIsRebuiltFromTheMaildirWithTheSameUids() throws Exception {
        List<MessageRecord> before = populate();
        Instant past = Instant.now().minusSeconds(3600);
        for (String p : List.of("Maildir/cur", "Maildir/new", "Maildir/dovecot-uidlist")) {
            Files.setLastModifiedTime(home.resolve(p), FileTime.from(past));
        }
        // loft.index as the previous release wrote it (version 4), whole and matching the disk, but claiming an
        // empty mailbox: trusting it would lose every message
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        java.io.DataOutputStream out = new java.io.DataOutputStream(new java.util.zip.CheckedOutputStream(bytes, crc));
        out.writeLong(0x4c4f4654494458_31L);
        out.writeInt(4);
        out.writeLong(System.currentTimeMillis() * 1_000_000L);
        out.writeUTF(FileStamp.of(home.resolve("Maildir/dovecot-uidlist")).encode());
        out.writeUTF(FileStamp.of(home.resolve("Maildir/cur")).encode());
        out.writeUTF(FileStamp.of(home.resolve("Maildir/new")).encode());
        out.writeLong(before.isEmpty() ? 0 : open().mailbox(MailboxName.INBOX).status().uidValidity());
        out.writeLong(1);
        out.writeLong(11);
        out.writeLong(2);
        out.writeInt(0);
        out.writeInt(0);
        out.flush();
        new java.io.DataOutputStream(bytes).writeLong(crc.getValue());
        shutDown();
        Files.write(home.resolve("Maildir/loft.index"), bytes.toByteArray());
        Files.deleteIfExists(home.resolve("Maildir/loft.index.log"));

        MaildirStorageProvider provider = new MaildirStorageProvider(List.of(), QuotaSettings.NONE);
        MailStorage s = provider.open(StorageUser.of("jsmith", home, "maildir:~/Maildir"));
        assertThat(idFlags(records(s))).isEqualTo(idFlags(before));
        assertThat(((MaildirMailbox) s.mailbox(MailboxName.INBOX)).state().scans).as("rebuilt by listing the Maildir").isOne();
        provider.close();
        try (var in = new java.io.DataInputStream(Files.newInputStream(home.resolve("Maildir/loft.index")))) {
            assertThat(in.readLong()).isEqualTo(0x4c4f4654494458_31L);
            assertThat(in.readInt()).as("rewritten in the current format").isEqualTo(5);
        }
    }

    @Test
    void aFlagChangeIsAppendedToTheLogAndTheNextProcessTrustsBaseAndLog() throws Exception {
        populate();
        Instant past = Instant.now().minusSeconds(3600);
        for (String p : List.of("Maildir/cur", "Maildir/new", "Maildir/dovecot-uidlist")) {
            Files.setLastModifiedTime(home.resolve(p), FileTime.from(past));
        }
        MailStorage s = open();
        records(s); // lists once (the stamps moved) and records the settled stamps
        Path base = home.resolve("Maildir/loft.index");
        Path log = home.resolve("Maildir/loft.index.log");
        byte[] baseBefore = Files.readAllBytes(base);
        long logBefore = Files.size(log);
        long modSeq;
        try (SelectedMailbox v = s.mailbox(MailboxName.INBOX).select(false)) {
            v.store(UidSet.of(5), FlagChange.ADD, Flags.of(List.of(SystemFlag.FLAGGED), List.of("Later")), OptionalLong.empty());
            Thread.sleep(250); // past the clock-tick window: the next sync point's listing settles the stamps
            v.sync(true);
            modSeq = v.record(v.seq(5)).modSeq();
        }
        assertThat(Files.readAllBytes(base)).as("a flag change does not rewrite the base").isEqualTo(baseBefore);
        assertThat(Files.size(log)).isGreaterThan(logBefore);
        providers.clear(); // no shutdown: what is on disk is what the commits wrote

        MaildirStorageProvider provider = new MaildirStorageProvider(List.of(), QuotaSettings.NONE);
        MailStorage later = provider.open(StorageUser.of("jsmith", home, "maildir:~/Maildir"));
        MaildirMailbox inbox = (MaildirMailbox) later.mailbox(MailboxName.INBOX);
        try (SelectedMailbox v = inbox.select(true)) {
            MessageRecord r = v.record(v.seq(5));
            assertThat(r.flags()).isEqualTo(Flags.of(List.of(SystemFlag.FLAGGED), List.of("Later")));
            assertThat(r.modSeq()).isEqualTo(modSeq);
        }
        assertThat(inbox.state().scans).as("base + log trusted without a listing").isZero();
        provider.close();
    }

    @Test
    void lostUidlistGetsNewUidValidityAndRenumbers() throws Exception {
        populate();
        long validity = open().mailbox(MailboxName.INBOX).status().uidValidity();
        Files.delete(home.resolve("Maildir/dovecot-uidlist"));
        MailStorage s = open();
        assertThat(s.mailbox(MailboxName.INBOX).status().uidValidity()).isNotEqualTo(validity);
        assertThat(records(s)).extracting(MessageRecord::uid).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void oldTmpFilesAreCleanedNewOnesKept() throws Exception {
        open().close();
        Path old = home.resolve("Maildir/tmp/1600000000.M1P1.host");
        Path fresh = home.resolve("Maildir/tmp/1800000000.M1P2.host");
        Files.writeString(old, "partial");
        Files.writeString(fresh, "partial");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(37 * 3600)));
        Files.setAttribute(old, "lastAccessTime", FileTime.from(Instant.now().minusSeconds(37 * 3600)));
        open().mailbox(MailboxName.INBOX).status();
        assertThat(old).doesNotExist();
        assertThat(fresh).exists();
    }
}
