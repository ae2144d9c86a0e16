package org.loftmail.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.server.MaildirTestBackend;

/**
 * pop3_save_uidl over the wire, as Dovecot: UIDL saves the UIDLs it shows (LIST saves none) into the uidlist, and
 * after a restart with another pop3_uidl_format the saved ones are still what clients get.
 */
class SavedUidlTest {

    @TempDir
    Path dir;

    private static Pop3Settings settings(String format, boolean save) {
        return Pop3ScriptsTest.settings(Map.of("pop3_uidl_format", format, "pop3_save_uidl", save ? "yes" : "no"));
    }

    private static List<String> uidl(Pop3TestServer server) throws Exception {
        try (Pop3Client c = Pop3Client.login(server, "jsmith", "secret")) {
            Pop3Client.expectOk(c.command("UIDL"));
            List<String> lines = c.readMultiline();
            Pop3Client.expectOk(c.command("QUIT"));
            return lines;
        }
    }

    private String uidlist() throws Exception {
        return Files.readString(dir.resolve("jsmith/Maildir/dovecot-uidlist"));
    }

    @Test
    void savedUidlsSurviveARestartAndAFormatChange() throws Exception {
        try (Pop3TestServer first = new Pop3TestServer(dir, settings("%u-old", true), false, MaildirTestBackend.MAILDIR)) {
            first.deliver("jsmith", "Subject: m1\r\n\r\nbody 1\r\n");
            first.deliver("jsmith", "Subject: m2\r\n\r\nbody 2\r\n");
            try (Pop3Client c = Pop3Client.login(first, "jsmith", "secret")) {
                Pop3Client.expectOk(c.command("LIST"));
                c.readMultiline();
                Pop3Client.expectOk(c.command("QUIT"));
            }
            assertThat(uidlist()).as("LIST saves nothing").doesNotContain(" P");
            assertThat(uidl(first)).containsExactly("1 1-old", "2 2-old");
            assertThat(uidlist()).contains("1 P1-old :", "2 P2-old :");
        }
        try (Pop3TestServer second = new Pop3TestServer(dir, settings("%u-new", false), false, MaildirTestBackend.MAILDIR)) {
            second.deliver("jsmith", "Subject: m3\r\n\r\nbody 3\r\n");
            assertThat(uidl(second)).containsExactly("1 1-old", "2 2-old", "3 3-new");
        }
    }

    @Test
    void uidlOfOneMessageSavesThatOne() throws Exception {
        try (Pop3TestServer server = new Pop3TestServer(dir, settings("%u-old", true), false, MaildirTestBackend.MAILDIR)) {
            server.deliver("jsmith", "Subject: m1\r\n\r\nbody 1\r\n");
            server.deliver("jsmith", "Subject: m2\r\n\r\nbody 2\r\n");
            try (Pop3Client c = Pop3Client.login(server, "jsmith", "secret")) {
                assertThat(c.command("UIDL 2")).isEqualTo("+OK 2 2-old");
                Pop3Client.expectOk(c.command("QUIT"));
            }
            assertThat(uidlist()).contains("2 P2-old :").doesNotContain("1 P");
        }
    }
}
