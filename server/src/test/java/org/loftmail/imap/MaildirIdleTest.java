package org.loftmail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.AppendRequest;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.core.storage.quota.QuotaSettings;
import org.loftmail.maildir.MaildirStorageProvider;
import org.loftmail.server.MaildirTestBackend;

/** IMAP IDLE on Maildir hears what another program writes into the directories (the watcher, not the change feed). */
class MaildirIdleTest {

    @TempDir
    Path dir;

    @Test
    void idleNoticesChangesMadeByAnotherProgram() throws Exception {
        ImapSettings settings = ImapSettings.defaults().withIdleIntervals(Duration.ofMinutes(2), Duration.ofMillis(200));
        try (ImapTestServer server = new ImapTestServer(dir, settings, false, MaildirTestBackend.MAILDIR);
                Socket socket = server.connect()) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            in.readLine();
            out.write("a LOGIN alice secret\r\nb SELECT INBOX\r\nc IDLE\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            while (!in.readLine().startsWith("b OK")) {
                // the SELECT's untagged responses
            }
            assertThat(in.readLine()).isEqualTo("+ idling");
            // A second, independent storage provider stands for another process (Dovecot's LDA, a second Loft).
            MaildirStorageProvider other = new MaildirStorageProvider(List.of(), QuotaSettings.NONE);
            Path home = dir.resolve("home").resolve("alice");
            try (MailStorage storage = other.open(StorageUser.of("alice", home, MaildirTestBackend.MAILDIR.mailLocation(home)))) {
                storage.mailbox(MailboxName.INBOX).append(
                        new ByteArrayInputStream("Subject: outside\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII)),
                        AppendRequest.DEFAULT);
            }
            assertThat(in.readLine()).isEqualTo("* 1 EXISTS");
            out.write("DONE\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String line;
            do {
                line = in.readLine();
            } while (!line.startsWith("c "));
            assertThat(line).isEqualTo("c OK Idle completed.");
            other.close();
        }
    }
}
