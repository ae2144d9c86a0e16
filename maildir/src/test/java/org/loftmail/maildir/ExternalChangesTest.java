package org.loftmail.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.ListenerRegistration;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.MailboxChange;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.core.storage.SyncResult;
import org.loftmail.core.storage.quota.QuotaSettings;

/** Mail dropped into new/ by another program (Postfix's local delivery) reaches a listening session. */
class ExternalChangesTest {

    @TempDir
    Path home;

    @Test
    void fileDroppedIntoNewIsHeardAndSynced() throws Exception {
        MaildirStorageProvider provider = new MaildirStorageProvider(List.of(), QuotaSettings.NONE);
        try (provider) {
            MailStorage s = provider.open(StorageUser.of("jsmith", home, "maildir:~/Maildir"));
            LinkedBlockingQueue<MailboxChange> heard = new LinkedBlockingQueue<>();
            try (SelectedMailbox v = s.mailbox(MailboxName.INBOX).select(false);
                    ListenerRegistration r = s.mailbox(MailboxName.INBOX).addListener(heard::add)) {
                Path tmp = home.resolve("Maildir/tmp/1800000000.V801I2M3.postfix");
                Files.writeString(tmp, "Subject: from postfix\n\nhello\n");
                Files.move(tmp, home.resolve("Maildir/new/1800000000.V801I2M3.postfix"));
                MailboxChange c = heard.poll(30, TimeUnit.SECONDS);
                assertThat(c).as("the watcher reported the delivery").isNotNull();
                assertThat(c.kind()).isEqualTo(MailboxChange.Kind.EXTERNAL);
                SyncResult sync = v.sync(true);
                assertThat(sync.exists()).isEqualTo(1);
                assertThat(sync.existsChanged()).isTrue();
                assertThat(new String(v.open(v.uid(1)).readAllBytes())).contains("from postfix");
                assertThat(v.record(1).guid()).isEqualTo("1800000000.V801I2M3.postfix");
            }
        }
    }
}
