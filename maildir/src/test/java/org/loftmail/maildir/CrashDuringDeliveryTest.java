package org.loftmail.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.core.storage.quota.QuotaSettings;

/**
 * A child JVM saves messages in a loop and is killed with SIGKILL mid-stream. Afterwards every acknowledged
 * message is there exactly once under its acknowledged UID, and every visible message is complete.
 */
class CrashDuringDeliveryTest {

    @TempDir
    Path home;

    @Test
    void killedWriterLosesNothingAcknowledgedAndShowsNothingPartial() throws Exception {
        Process child = ChildProcess.start("save", home.toString(), "100000", "c");
        Map<Long, String> acked = new HashMap<>();
        try (BufferedReader out = ChildProcess.stdout(child)) {
            String line;
            while ((line = out.readLine()) != null) {
                if (!line.startsWith("ACK ")) continue;
                String[] p = line.split(" ");
                acked.put(Long.parseLong(p[1]), p[2]);
                if (acked.size() == 60) {
                    child.destroyForcibly(); // SIGKILL on Linux
                    break;
                }
            }
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(137);
        assertThat(acked).hasSize(60);

        MailStorage storage = new MaildirStorageProvider(List.of(), QuotaSettings.NONE)
                .open(StorageUser.of("jsmith", home, "maildir:~/Maildir"));
        Set<String> seen = new HashSet<>();
        try (SelectedMailbox v = storage.mailbox(MailboxName.INBOX).select(false)) {
            for (int s = 1; s <= v.count(); s++) {
                long uid = v.uid(s);
                String text;
                try (InputStream in = v.open(uid)) {
                    text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                }
                String id = text.substring("Subject: ".length(), text.indexOf("\r\n"));
                assertThat(text).as("message %s is complete", id).isEqualTo(new String(ChildWorker.body(id), StandardCharsets.US_ASCII));
                assertThat(seen.add(id)).as("message %s only once", id).isTrue();
                if (acked.containsKey(uid)) assertThat(id).isEqualTo(acked.get(uid));
            }
            for (Map.Entry<Long, String> e : acked.entrySet()) {
                assertThat(v.seq(e.getKey())).as("acknowledged UID %d is there", e.getKey()).isPositive();
            }
            // a later save goes on after the highest UID ever handed out
            long next = storage.mailbox(MailboxName.INBOX)
                    .append(new java.io.ByteArrayInputStream(ChildWorker.body("after")), org.loftmail.core.storage.AppendRequest.DEFAULT)
                    .uid();
            assertThat(next).isGreaterThan(acked.keySet().stream().mapToLong(Long::longValue).max().orElseThrow());
        }
    }
}
