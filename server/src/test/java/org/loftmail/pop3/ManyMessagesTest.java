package org.loftmail.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.server.MaildirTestBackend;

/**
 * A mailbox of 1,500 messages (dropped into new/ the way another delivery agent would): STAT, LIST and UIDL
 * answer for all of them, the listings stream out in order, and a few deletions at QUIT leave the rest.
 */
class ManyMessagesTest {

    private static final int COUNT = 1_500;

    @TempDir
    Path dir;

    @Test
    void largeListingsAreCompleteAndInOrder() throws Exception {
        Path fresh = dir.resolve("jsmith/Maildir/new");
        Files.createDirectories(fresh);
        Files.createDirectories(dir.resolve("jsmith/Maildir/cur"));
        Files.createDirectories(dir.resolve("jsmith/Maildir/tmp"));
        long total = 0;
        for (int i = 1; i <= COUNT; i++) {
            String m = "Subject: message " + i + "\n\nbody\n";
            Files.writeString(fresh.resolve(String.format("1700000000.M%06dP1.test", i)), m, StandardCharsets.US_ASCII);
            total += m.length() + 3; // three LFs become CRLF
        }
        try (Pop3TestServer server = new Pop3TestServer(dir, Pop3Settings.defaults(), false, MaildirTestBackend.MAILDIR);
                Pop3Client c = Pop3Client.login(server, "jsmith", "secret")) {
            assertThat(c.command("STAT")).isEqualTo("+OK " + COUNT + " " + total);
            assertThat(c.command("LIST")).isEqualTo("+OK " + COUNT + " messages:");
            List<String> list = c.readMultiline();
            assertThat(list).hasSize(COUNT);
            assertThat(list.get(0)).isEqualTo("1 " + ("Subject: message 1\r\n\r\nbody\r\n").length());
            assertThat(list.get(COUNT - 1)).startsWith(COUNT + " ");
            Pop3Client.expectOk(c.command("UIDL"));
            List<String> uidls = c.readMultiline();
            assertThat(uidls).hasSize(COUNT).doesNotHaveDuplicates();
            assertThat(uidls.get(COUNT - 1)).startsWith(COUNT + " " + String.format("%08x", COUNT));
            assertThat(c.command("DELE " + COUNT)).isEqualTo("+OK Marked to be deleted.");
            assertThat(c.command("DELE 1")).isEqualTo("+OK Marked to be deleted.");
            assertThat(c.command("QUIT")).isEqualTo("+OK Logging out, messages deleted.");
        }
        try (Pop3TestServer server = new Pop3TestServer(dir, Pop3Settings.defaults(), false, MaildirTestBackend.MAILDIR);
                Pop3Client c = Pop3Client.login(server, "jsmith", "secret")) {
            assertThat(c.command("STAT")).startsWith("+OK " + (COUNT - 2) + " ");
            assertThat(c.command("TOP 1 0")).isEqualTo("+OK");
            assertThat(c.readMultiline()).containsExactly("Subject: message 2", "");
        }
    }
}
