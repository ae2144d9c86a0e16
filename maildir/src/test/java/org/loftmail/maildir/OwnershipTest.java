package org.loftmail.maildir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.AppendRequest;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.core.storage.quota.QuotaSettings;

/** Running as root, everything Loft creates in a user's Maildir belongs to the user: dirs 0700, files 0600. */
class OwnershipTest {

    @TempDir
    Path home;

    @Test
    void filesBelongToTheMailUser() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to create files for another uid");
        MailStorage s = new MaildirStorageProvider(List.of(), QuotaSettings.of("maildir", List.of("*:storage=1G"), "10%"))
                .open(new StorageUser("u", home, "maildir:~/Maildir", OptionalInt.of(4242), OptionalInt.of(4343), List.of()));
        s.mailbox(MailboxName.INBOX).append(new ByteArrayInputStream("Subject: x\n\ny\n".getBytes()), AppendRequest.DEFAULT);
        s.create(MailboxName.of("Work"), Set.of());
        s.subscribe(MailboxName.of("Work"));
        s.mailbox(MailboxName.of("Work")).status();
        try (Stream<Path> all = Files.walk(home.resolve("Maildir"))) {
            for (Path p : all.toList()) {
                assertThat(Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)).as("owner of %s", p).isEqualTo(4242);
                assertThat(Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS)).as("group of %s", p).isEqualTo(4343);
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                if (p.getFileName().toString().startsWith("dovecot-uidvalidity.")) continue; // Dovecot makes this one 0444
                assertThat(mode).as("mode of %s", p).isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
            }
        }
    }
}
