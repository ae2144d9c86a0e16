package org.loftmail.mbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.AppendRequest;
import org.loftmail.core.storage.MailStorageException;

/**
 * A user who can make links in their own mail root cannot have Loft (running as root) read or write elsewhere
 * through them (ADR 0305): a mailbox file linked to a file outside, a folder linked to a directory outside.
 */
class MboxConfinementTest {

    @TempDir
    Path dir;

    @Test
    void linksOutOfTheMailRootAreRefused() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path secret = Files.writeString(outside.resolve("secret"),
                "From root@example.org  Mon Dec 07 21:37:27 2026\nSubject: secret\n\nroot's mail\n");
        try (MboxFixture f = new MboxFixture(dir)) {
            Files.createSymbolicLink(f.mail.resolve("evil"), secret);
            Files.createSymbolicLink(f.mail.resolve("evildir"), outside);
            assertThat(f.storage.list()).extracting(i -> i.name().toString()).doesNotContain("evil", "evildir");
            assertThatThrownBy(() -> f.storage.mailbox(MailboxName.of("evil")).status()).isInstanceOf(MailStorageException.class);
            assertThatThrownBy(() -> f.storage.mailbox(MailboxName.of("evildir", "secret")).status())
                    .isInstanceOf(MailStorageException.class).hasMessageContaining("link");
            assertThatThrownBy(() -> f.storage.create(MailboxName.of("evildir", "planted"), Set.of()))
                    .isInstanceOf(MailStorageException.class);
            assertThat(outside.resolve("planted")).doesNotExist();
            assertThatThrownBy(() -> f.storage.mailbox(MailboxName.of("evildir", "secret"))
                    .append(MboxFixture.text("Subject: x\n\ny\n"), AppendRequest.DEFAULT)).isInstanceOf(MailStorageException.class);
            assertThat(Files.readString(secret)).doesNotContain("Subject: x");
            // links that stay inside the root keep working
            f.storage.create(MailboxName.of("Real"), Set.of());
            Files.createSymbolicLink(f.mail.resolve("Alias"), f.mail.resolve("Real"));
            f.storage.mailbox(MailboxName.of("Real")).append(MboxFixture.text("Subject: in\n\nx\n"), AppendRequest.DEFAULT);
            assertThat(f.storage.mailbox(MailboxName.of("Real")).status().messages()).isEqualTo(1);
        }
    }
}
