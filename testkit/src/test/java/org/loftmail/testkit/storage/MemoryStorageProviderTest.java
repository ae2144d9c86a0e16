package org.loftmail.testkit.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.AppendRequest;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.MailboxNotFoundException;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.StorageUser;

/** What the memory backend adds to the contract: locations, per-location mail, retired mailboxes, index files. */
class MemoryStorageProviderTest {

    @TempDir
    Path home;

    private final MemoryStorageProvider provider = new MemoryStorageProvider();

    private MailStorage open(String user, String location) throws MailStorageException {
        return provider.open(StorageUser.of(user, home, location));
    }

    private static ByteArrayInputStream message(String subject) {
        return new ByteArrayInputStream(("Subject: " + subject + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void locationsOtherThanAnAbsoluteMemoryDirectoryAreRefused() {
        assertThatThrownBy(() -> open("u", "maildir:~/Maildir")).isInstanceOf(MailStorageException.class).hasMessageContaining("memory:<dir>");
        assertThatThrownBy(() -> open("u", "memory:")).isInstanceOf(MailStorageException.class).hasMessageContaining("absolute");
        assertThatThrownBy(() -> open("u", "memory:relative/dir")).isInstanceOf(MailStorageException.class);
    }

    @Test
    void mailBelongsToTheLocationAndOutlivesTheStorage() throws Exception {
        try (MailStorage a = open("a", "memory:~/a")) {
            a.mailbox(MailboxName.INBOX).append(message("for a"), AppendRequest.DEFAULT);
        }
        try (MailStorage again = open("a", MemoryStorageProvider.location(home.resolve("a")));
                MailStorage b = open("b", "memory:~/b")) {
            assertThat(again.mailbox(MailboxName.INBOX).status().messages()).isEqualTo(1);
            assertThat(b.mailbox(MailboxName.INBOX).status().messages()).isZero();
        }
    }

    @Test
    void aViewOfADeletedMailboxFailsAtItsNextSync() throws Exception {
        try (MailStorage s = open("a", "memory:~/a")) {
            s.create(MailboxName.of("Old"), Set.of());
            s.mailbox(MailboxName.of("Old")).append(message("x"), AppendRequest.DEFAULT);
            try (SelectedMailbox v = s.mailbox(MailboxName.of("Old")).select(false)) {
                s.delete(MailboxName.of("Old"));
                assertThatThrownBy(() -> v.sync(true)).isInstanceOf(MailboxNotFoundException.class);
            }
            s.create(MailboxName.of("Old"), Set.of());
            assertThat(s.mailbox(MailboxName.of("Old")).status().messages()).as("a new mailbox, empty").isZero();
        }
    }

    @Test
    void theSharedIndexWritesItsFilesInTheLocation() throws Exception {
        try (MailStorage s = open("a", "memory:~/a")) {
            s.mailbox(MailboxName.INBOX).append(message("x"), AppendRequest.DEFAULT);
            try (SelectedMailbox v = s.mailbox(MailboxName.INBOX).select(false)) {
                assertThat(v.count()).isEqualTo(1);
            }
        }
        try (var files = Files.walk(home.resolve("a"))) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("loft.index");
        }
    }
}
