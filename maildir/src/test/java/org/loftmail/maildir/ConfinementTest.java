package org.loftmail.maildir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.fs.Confinement;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.AppendRequest;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.core.storage.quota.QuotaSettings;

/**
 * Loft runs as root, yet a user's Maildir gives access to nothing but the user's own mail: no link out of the mail
 * root and no file the user does not own is read or written (issue 20, item 2; ADR 0305). Runs as root only.
 */
class ConfinementTest {

    private static final int ALICE = 4321;
    private static final int BOB = 4322;
    private static final String SECRET = "TOP SECRET root-only content";

    @TempDir
    Path dir;

    private MaildirStorageProvider provider;
    private MailStorage alice;
    private Path maildir;
    private Path secret;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "runs as root: it checks what root may not read for a user");
        secret = dir.resolve("secret");
        Files.writeString(secret, SECRET);
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        provider = new MaildirStorageProvider(List.of(), QuotaSettings.NONE);
        alice = open("alice", ALICE);
        maildir = dir.resolve("alice/Maildir");
        append(alice, MailboxName.INBOX, "m1");
    }

    @AfterEach
    void tearDown() {
        if (provider != null) provider.close();
    }

    private MailStorage open(String name, int uid) throws MailStorageException {
        return provider.open(new StorageUser(name, dir.resolve(name), "maildir:~/Maildir", OptionalInt.of(uid), OptionalInt.of(uid), List.of()));
    }

    private static long append(MailStorage s, MailboxName box, String subject) throws MailStorageException {
        return s.mailbox(box).append(new ByteArrayInputStream(("Subject: " + subject + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8)),
                AppendRequest.DEFAULT).uid();
    }

    private static String read(SelectedMailbox v, int seq) throws IOException, MailStorageException {
        try (InputStream in = v.open(v.uid(seq))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Path onlyMessageFile() throws IOException {
        try (Stream<Path> s = Files.list(maildir.resolve("cur"))) {
            return s.findFirst().orElseThrow();
        }
    }

    @Test
    void aSymlinkedMessageFileIsNeitherIndexedNorServed() throws Exception {
        Files.createSymbolicLink(maildir.resolve("cur/1800000001.M1P1.evil:2,"), secret);
        try (SelectedMailbox v = alice.mailbox(MailboxName.INBOX).select(false)) {
            assertThat(v.sync(true).exists()).as("the link is not a message").isEqualTo(1);
            Path file;
            try (Stream<Path> s = Files.list(maildir.resolve("cur"))) {
                file = s.filter(p -> !p.getFileName().toString().contains("evil")).findFirst().orElseThrow();
            }
            Files.delete(file);
            Files.createSymbolicLink(file, secret); // a known message replaced by a link
            assertThatThrownBy(() -> read(v, 1)).isInstanceOf(IOException.class).hasMessageContaining("link");
        }
    }

    @Test
    void aHardLinkToAnotherOwnersFileIsNeitherIndexedNorServed() throws Exception {
        Files.createLink(maildir.resolve("cur/1800000002.M2P2.evil:2,"), secret);
        try (SelectedMailbox v = alice.mailbox(MailboxName.INBOX).select(false)) {
            assertThat(v.sync(true).exists()).isEqualTo(1);
            assertThat(read(v, 1)).contains("Subject: m1");
            Path file = null;
            try (Stream<Path> s = Files.list(maildir.resolve("cur"))) {
                file = s.filter(p -> !p.getFileName().toString().contains("evil")).findFirst().orElseThrow();
            }
            Files.delete(file);
            Files.createLink(file, secret);
            assertThatThrownBy(() -> read(v, 1)).isInstanceOf(IOException.class).hasMessageContaining("owned by uid 0");
        }
    }

    @Test
    void aDanglingLinkIsIgnored() throws Exception {
        Files.createSymbolicLink(maildir.resolve("cur/1800000003.M3P3.dangling:2,"), dir.resolve("nothing-here"));
        Files.createSymbolicLink(maildir.resolve("new/1800000004.M4P4.dangling"), Path.of("../../nothing-either"));
        try (SelectedMailbox v = alice.mailbox(MailboxName.INBOX).select(false)) {
            assertThat(v.sync(true).exists()).isEqualTo(1);
            assertThat(read(v, 1)).contains("Subject: m1");
        }
        append(alice, MailboxName.INBOX, "m2"); // the links' names took UIDs in dovecot-uidlist: gaps, no harm
        try (SelectedMailbox v = alice.mailbox(MailboxName.INBOX).select(false)) {
            assertThat(v.sync(true).exists()).isEqualTo(2);
            assertThat(read(v, 2)).contains("Subject: m2");
        }
    }

    @Test
    void aFolderLinkedOutOfTheMailRootCanBeNeitherReadNorWritten() throws Exception {
        Path outside = dir.resolve("outside");
        for (String d : List.of("cur", "new", "tmp")) Files.createDirectories(outside.resolve(d));
        Files.writeString(outside.resolve("cur/1800000005.M5P5.x:2,"), "Subject: outside\r\n\r\nx\r\n");
        Files.createSymbolicLink(maildir.resolve(".evil"), outside);
        MailboxName evil = MailboxName.of("evil");
        assertThatThrownBy(() -> alice.mailbox(evil).select(false)).isInstanceOf(MailStorageException.class);
        assertThatThrownBy(() -> alice.mailbox(evil).status()).isInstanceOf(MailStorageException.class);
        assertThatThrownBy(() -> append(alice, evil, "into evil")).isInstanceOf(MailStorageException.class);
        try (Stream<Path> s = Files.walk(outside)) {
            assertThat(s.filter(Files::isRegularFile).map(p -> outside.relativize(p).toString()))
                    .as("nothing written outside").containsExactly("cur/1800000005.M5P5.x:2,");
        }
    }

    @Test
    void aFolderCheckedOnceAndThenSwappedForALinkIsRefusedAtTheNextOperation() throws Exception {
        // the check is remembered by the directories' identities (ConfinedDirectories): a swap must not hide
        MailStorage bob = open("bob", BOB);
        append(bob, MailboxName.INBOX, "bob's mail");
        alice.create(MailboxName.of("Work"), java.util.Set.of());
        append(alice, MailboxName.of("Work"), "alice's work");
        Path work = maildir.resolve(".Work");
        try (SelectedMailbox v = alice.mailbox(MailboxName.of("Work")).select(false)) {
            assertThat(v.count()).isEqualTo(1);
            Files.move(work, maildir.resolve(".Work-moved"));
            Files.createSymbolicLink(work, dir.resolve("bob/Maildir"));
            assertThatThrownBy(() -> v.sync(true)).isInstanceOf(MailStorageException.class);
        }
        assertThatThrownBy(() -> alice.mailbox(MailboxName.of("Work")).select(false)).isInstanceOf(MailStorageException.class);
        assertThatThrownBy(() -> append(alice, MailboxName.of("Work"), "into bob's")).isInstanceOf(MailStorageException.class);
        // and a cur/ swapped inside a checked folder
        Files.delete(work);
        Files.move(maildir.resolve(".Work-moved"), work);
        try (SelectedMailbox v = alice.mailbox(MailboxName.of("Work")).select(false)) {
            assertThat(v.count()).isEqualTo(1);
            Files.move(work.resolve("cur"), work.resolve("cur-moved"));
            Files.createSymbolicLink(work.resolve("cur"), dir.resolve("bob/Maildir/cur"));
            assertThatThrownBy(() -> v.sync(true)).isInstanceOf(MailStorageException.class);
        }
    }

    @Test
    void aFolderLinkedToAnotherUsersMaildirIsRefused() throws Exception {
        MailStorage bob = open("bob", BOB);
        append(bob, MailboxName.INBOX, "bob's mail");
        Files.createSymbolicLink(maildir.resolve(".bobbox"), dir.resolve("bob/Maildir"));
        Files.createSymbolicLink(maildir.resolve(".bobrel"), Path.of("../../bob/Maildir"));
        for (String name : List.of("bobbox", "bobrel")) {
            assertThatThrownBy(() -> alice.mailbox(MailboxName.of(name)).select(false)).isInstanceOf(MailStorageException.class);
        }
    }

    @Test
    void controlFilesLinkedOutOfTheMailRootAreNeitherReadNorWritten() throws Exception {
        Path fakeKeywords = dir.resolve("fake-keywords");
        Files.writeString(fakeKeywords, "0 SecretWord\n");
        Path fakeUidlist = dir.resolve("fake-uidlist");
        Files.writeString(fakeUidlist, "3 V999 N1 Gabc\n");
        Files.createSymbolicLink(maildir.resolve("dovecot-keywords"), fakeKeywords);
        Files.move(maildir.resolve("dovecot-uidlist"), dir.resolve("alice-uidlist"));
        Files.createSymbolicLink(maildir.resolve("dovecot-uidlist"), fakeUidlist);
        try (SelectedMailbox v = alice.mailbox(MailboxName.INBOX).select(false)) {
            assertThat(v.uidValidity()).isNotEqualTo(999);
        } catch (MailStorageException refused) {
            // refusing the mailbox is as good as not reading the files
        }
        try {
            append(alice, MailboxName.INBOX, "m2");
        } catch (MailStorageException refused) {
            // as above
        }
        assertThat(alice.mailbox(MailboxName.INBOX).status().uidValidity()).isNotEqualTo(999);
        assertThat(Files.readString(fakeUidlist)).as("nothing appended through the link").isEqualTo("3 V999 N1 Gabc\n");
        assertThat(Files.readString(fakeKeywords)).isEqualTo("0 SecretWord\n");
        try (SelectedMailbox v = alice.mailbox(MailboxName.INBOX).select(false)) {
            assertThat(v.keywords()).doesNotContain("SecretWord");
        } catch (MailStorageException refused) {
            // as above
        }
    }

    /** ADR 0305's gap: the root {@code subscriptions} file was read by path, following a link anywhere. */
    @Test
    void aSubscriptionsFileLinkedOutOfTheMailRootIsNeitherReadNorWritten() throws Exception {
        Path fake = dir.resolve("fake-subscriptions");
        Files.writeString(fake, "V\t2\n\nSecretFolder\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rw-------"));
        Files.createSymbolicLink(maildir.resolve("subscriptions"), fake);
        try {
            assertThat(alice.subscriptions()).doesNotContain(new MailboxName(List.of("SecretFolder")));
        } catch (MailStorageException refused) {
            assertThat(refused.getCause()).isInstanceOf(java.nio.file.AccessDeniedException.class);
        }
        try {
            alice.subscribe(MailboxName.INBOX);
        } catch (MailStorageException refused) {
            // refusing is as good as not following the link
        }
        assertThat(Files.readString(fake)).as("nothing written through the link").isEqualTo("V\t2\n\nSecretFolder\n");
    }

    @Test
    void aSubscriptionsFileOfAnotherOwnerIsNotRead() throws Exception {
        Files.writeString(maildir.resolve("subscriptions"), "V\t2\n\nRootsFolder\n");
        Files.setPosixFilePermissions(maildir.resolve("subscriptions"), PosixFilePermissions.fromString("rw-------"));
        // owned by root, not by alice: a hard link to root's file would look the same
        try {
            assertThat(alice.subscriptions()).doesNotContain(new MailboxName(List.of("RootsFolder")));
        } catch (MailStorageException refused) {
            assertThat(refused.getCause()).isInstanceOf(java.nio.file.AccessDeniedException.class);
        }
    }

    /**
     * ADR 0305's gap: Loft's index files (loft.index, loft.index.log, loft.cache, loft.modseq) were opened by path.
     * The index layer now opens existing files through its creator (core's IndexStoreTest checks that it does);
     * Maildir's creator opens them beneath the user's roots, refusing a link out and a file that is not theirs.
     */
    @Test
    void indexFilesAreOpenedThroughTheConfinement() throws Exception {
        FileCreator creator = new FileCreator(OptionalInt.of(ALICE), OptionalInt.of(ALICE),
                new Confinement(List.of(maildir), OptionalInt.of(ALICE)));
        Path cache = maildir.resolve("loft.cache.test");
        Files.createSymbolicLink(cache, secret);
        assertThatThrownBy(() -> creator.open(cache, StandardOpenOption.READ)).isInstanceOf(AccessDeniedException.class);
        Files.delete(cache);
        Files.writeString(cache, "root's");
        assertThatThrownBy(() -> creator.open(cache, StandardOpenOption.WRITE, StandardOpenOption.APPEND))
                .isInstanceOf(AccessDeniedException.class);
        Files.setAttribute(cache, "unix:uid", ALICE);
        try (var ch = creator.open(cache, StandardOpenOption.READ)) {
            assertThat(ch.size()).isEqualTo(6);
        }
    }

    /** ADR 0305's gap: the root dovecot-uidvalidity was read by path; a link could steer new UIDVALIDITYs. */
    @Test
    void aUidValidityFileLinkedOutOfTheMailRootIsNotRead() throws Exception {
        Path fake = dir.resolve("fake-uidvalidity");
        Files.writeString(fake, "fffffff0");
        Path file = maildir.resolve("dovecot-uidvalidity");
        Files.deleteIfExists(file);
        Files.createSymbolicLink(file, fake);
        MailboxName box = new MailboxName(List.of("Fresh"));
        alice.create(box, java.util.Set.of());
        assertThat(alice.mailbox(box).status().uidValidity()).isLessThan(0xfffffff0L);
        assertThat(Files.readString(fake)).isEqualTo("fffffff0");
    }

    @Test
    void aLinkSwappedInBetweenCheckAndUseIsNeverFollowed() throws Exception {
        try (SelectedMailbox v = alice.mailbox(MailboxName.INBOX).select(false)) {
            assertThat(v.sync(true).exists()).isEqualTo(1);
            Path file = onlyMessageFile();
            Path realCopy = dir.resolve("alice/real");
            Files.copy(file, realCopy);
            Path link = dir.resolve("alice/link");
            AtomicBoolean stop = new AtomicBoolean();
            Thread swapper = Thread.ofPlatform().start(() -> {
                try {
                    while (!stop.get()) {
                        Files.deleteIfExists(link);
                        Files.createSymbolicLink(link, secret);
                        Files.move(link, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                        Files.copy(realCopy, dir.resolve("alice/real2"), StandardCopyOption.REPLACE_EXISTING);
                        Files.move(dir.resolve("alice/real2"), file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            int served = 0;
            int refused = 0;
            long until = System.nanoTime() + 2_000_000_000L;
            while (System.nanoTime() < until) {
                try {
                    String content = read(v, 1);
                    assertThat(content).doesNotContain("SECRET");
                    served++;
                } catch (IOException refusedOrGone) {
                    refused++;
                }
            }
            stop.set(true);
            swapper.join();
            assertThat(served + refused).isPositive();
        }
    }
}
